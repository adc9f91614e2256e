/**
 * Compares re-derived lines with one block of a package's JSON-lines file, line by line, without
 * holding either side: the block is the run of lines that belong to one owner (an artefact in
 * `events.jsonl`, a decision in `attribution.jsonl`). A line equal to the expected one is taken
 * without parsing; any other line is parsed only to learn its owner: when it names another owner
 * the block has ended (the expected line is missing), else it is this block's differing line.
 */
import type { LineReader, PackageLine } from './line-reader';
import type { LineDifference } from './report';

/** How much of each side a difference keeps (a line can be a whole email). */
export const MAX_SHOWN_CHARS = 4000;

export class BlockCompare {
  private compared = 0;
  private differing = 0;
  private missing = 0;
  private extra = 0;
  private first: LineDifference['first'] = null;

  constructor(
    private readonly lines: LineReader,
    private readonly owner: string,
    /** The owner a package line names, or null when it names none (unparseable, no field). */
    private readonly ownerOf: (text: string) => string | null,
    /** Every owner of the file: a line naming another one ends this block. */
    private readonly owners: ReadonlySet<string>,
  ) {}

  /** Lines re-derived for this owner so far. */
  get expected(): number {
    return this.compared + this.missing;
  }

  async expect(text: string): Promise<void> {
    const line = await this.lines.peek();
    if (line !== null && line.terminated && line.text === text) {
      await this.lines.next();
      this.compared++;
      return;
    }
    if (line === null || !this.belongs(line)) {
      this.missing++;
      this.note(line?.number ?? this.lines.linesRead + 1, text, null);
      return;
    }
    await this.lines.next();
    this.compared++;
    this.differing++;
    this.note(line.number, text, line);
  }

  /** Takes the block's remaining lines as extra and says how the block compared. */
  async finish(file: string): Promise<LineDifference | null> {
    await this.skip((line) => {
      this.extra++;
      this.note(line.number, null, line);
    });
    if (this.first === null) return null;
    return {
      file,
      first: this.first,
      differing: this.differing,
      missing: this.missing,
      extra: this.extra,
    };
  }

  /** Takes the block's lines without comparing them (an owner that cannot be reproduced). */
  async skip(onLine: (line: PackageLine) => void = () => undefined): Promise<void> {
    for (let line = await this.lines.peek(); line !== null; line = await this.lines.peek()) {
      if (!this.belongs(line)) break;
      await this.lines.next();
      onLine(line);
    }
  }

  private belongs(line: PackageLine): boolean {
    const owner = this.ownerOf(line.text);
    return owner === this.owner || owner === null || !this.owners.has(owner);
  }

  private note(line: number, expected: string | null, actual: PackageLine | null): void {
    if (this.first !== null) return;
    this.first = {
      line,
      expected: expected === null ? null : shown(expected),
      actual:
        actual === null
          ? null
          : shown(actual.text) + (actual.terminated ? '' : ' [no final newline]'),
    };
  }
}

function shown(text: string): string {
  return text.length <= MAX_SHOWN_CHARS
    ? text
    : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)`;
}

/** The owner of a JSON line: its top-level string field `key` (null when it has none). */
export function stringField(key: string): (text: string) => string | null {
  return (text) => {
    try {
      const value = JSON.parse(text) as Record<string, unknown> | null;
      const field = typeof value === 'object' && value !== null ? value[key] : undefined;
      return typeof field === 'string' ? field : null;
    } catch {
      return null;
    }
  };
}
