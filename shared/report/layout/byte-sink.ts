/**
 * A growable byte buffer for content streams: operators are written as ASCII and glyph codes as
 * bytes straight into it, so a page's content never exists as many small strings to join.
 */
export class ByteSink {
  private data = new Uint8Array(16 * 1024);
  private used = 0;

  get length(): number {
    return this.used;
  }

  /** Make room for `more` bytes. */
  private reserve(more: number): void {
    if (this.used + more <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.used + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.data.subarray(0, this.used));
    this.data = grown;
  }

  /** Characters 0–255 as one byte each (operators, numbers: ASCII). */
  ascii(text: string): void {
    this.reserve(text.length);
    const { data } = this;
    let at = this.used;
    for (let i = 0; i < text.length; i++) data[at++] = text.charCodeAt(i);
    this.used = at;
  }

  /** Two bytes given as one number (`high << 8 | low`). */
  pair(both: number): void {
    this.reserve(2);
    this.data[this.used++] = both >>> 8;
    this.data[this.used++] = both & 0xff;
  }

  bytes(chunk: Uint8Array): void {
    this.reserve(chunk.length);
    this.data.set(chunk, this.used);
    this.used += chunk.length;
  }

  /** The bytes written so far (a view: valid until the next write). */
  view(): Uint8Array {
    return this.data.subarray(0, this.used);
  }
}
