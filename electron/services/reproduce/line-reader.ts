/**
 * A JSON-lines file of the package read one line at a time (streaming, one block and one line in
 * memory), with its 1-based line number and a one-line look-ahead, so a comparison can ask whose
 * line comes next before taking it. A line longer than `MAX_LINE_CHARS` stops the run: no
 * derived line comes near it, and holding it would not be bounded.
 */
import { StringDecoder } from 'node:string_decoder';
import { ReproduceError } from '../../../shared/errors/reproduce-error';

export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export interface PackageLine {
  /** 1-based line number in the file. */
  readonly number: number;
  readonly text: string;
  /** False for a last line without its `\n` (a line the writer never writes). */
  readonly terminated: boolean;
}

export class LineReader {
  private readonly decoder = new StringDecoder('utf8');
  private readonly blocks: AsyncIterator<Uint8Array>;
  private readonly ready: PackageLine[] = [];
  private carry = '';
  private number = 0;
  private ended = false;
  private head = 0;

  constructor(
    readonly file: string,
    blocks: AsyncIterable<Uint8Array>,
  ) {
    this.blocks = blocks[Symbol.asyncIterator]();
  }

  /** Lines read so far (taken or looked at). */
  get linesRead(): number {
    return this.number;
  }

  /** The next line without taking it; null at the end of the file. */
  async peek(): Promise<PackageLine | null> {
    while (this.head >= this.ready.length) {
      if (this.ended) return null;
      await this.fill();
    }
    return this.ready[this.head]!;
  }

  async next(): Promise<PackageLine | null> {
    const line = await this.peek();
    if (line !== null) this.head++;
    return line;
  }

  /** Reads to the end (so the whole file is hashed) and stops. */
  async close(): Promise<void> {
    while ((await this.next()) !== null) {
      // drained: each line counted
    }
  }

  /** Stops reading (the package reader's stream ends and its file is closed). */
  async abort(): Promise<void> {
    this.ended = true;
    await this.blocks.return?.();
  }

  private async fill(): Promise<void> {
    if (this.head > 0) {
      this.ready.splice(0, this.head);
      this.head = 0;
    }
    const step = await this.blocks.next();
    let text: string;
    if (step.done === true) {
      this.ended = true;
      text = this.carry + this.decoder.end();
      this.carry = '';
      if (text.length > 0) this.push(text, false);
      return;
    }
    const block = step.value;
    text =
      this.carry + this.decoder.write(Buffer.from(block.buffer, block.byteOffset, block.length));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.push(text.slice(start, nl), true);
      start = nl + 1;
    }
    this.carry = text.slice(start);
    if (this.carry.length > MAX_LINE_CHARS) {
      throw new ReproduceError(
        'REPRODUCE_PACKAGE_INVALID',
        `${this.file}: line ${this.number + 1} is longer than ${MAX_LINE_CHARS} characters`,
        { where: `${this.file}:${this.number + 1}` },
      );
    }
  }

  private push(text: string, terminated: boolean): void {
    this.number++;
    this.ready.push({ number: this.number, text, terminated });
  }
}
