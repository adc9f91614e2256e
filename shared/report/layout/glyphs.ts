import type { PDFFont } from 'pdf-lib';
import { ByteSink } from './byte-sink';

const BMP = 0x10000;
const REPLACEMENT = 0xfffd;

/** Line breaks and tabs are layout, not glyphs: wrap.ts consumes them, so they stay as they are. */
function isLayoutControl(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x09;
}

/**
 * The two-byte glyph codes of `hex` (pdf-lib's encoding: 4 hex digits a glyph) as the bytes of a
 * PDF literal string body (ISO 32000-1 §7.3.4.2), with `(`, `)` and `\` escaped, and CR and LF
 * too (an end of line inside a literal string reads as LF).
 */
export function literalCodes(hex: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out.push(0x5c, byte);
    else if (byte === 0x0d)
      out.push(0x5c, 0x72); // \r
    else if (byte === 0x0a)
      out.push(0x5c, 0x6e); // \n
    else out.push(byte);
  }
  return Uint8Array.from(out);
}

/**
 * One embedded font's glyphs, looked up per code point: the subset glyph id (the two-byte code a
 * Type0/Identity-H font shows) and the advance at size 1, each taken once from pdf-lib for the
 * single character, so the subset and its ToUnicode map get every glyph that is drawn.
 *
 * Text is drawn as the concatenation of its characters' glyphs: no shaping, no ligatures, no
 * kerning — exactly what the widths (sums of advances) assume, so a measured line is the drawn
 * line. Shaping every distinct string through fontkit's layout was the largest cost of a
 * 10,000-event report (timestamps and ports make nearly every cell text unique).
 */
export class FontGlyphs {
  /** Code point → its glyph code as literal-string bytes; BMP in an array, the rest in a map. */
  private readonly codesBmp: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(BMP);
  private readonly codesAstral = new Map<number, Uint8Array>();
  /** BMP code point → its two code bytes as one number when they need no escape; -1 otherwise. */
  private readonly plainPair = new Int32Array(BMP).fill(-1);
  /** Code point → advance at size 1 (NaN: not looked up yet). */
  private readonly advanceBmp = new Float64Array(BMP).fill(Number.NaN);
  private readonly advanceAstral = new Map<number, number>();
  /** 1 where the font has a glyph for the BMP code point. */
  private readonly drawableBmp = new Uint8Array(BMP);
  private readonly drawableAstral = new Set<number>();

  constructor(
    private readonly font: PDFFont,
    characterSet: readonly number[],
  ) {
    for (const cp of characterSet) {
      if (cp < BMP) this.drawableBmp[cp] = 1;
      else this.drawableAstral.add(cp);
    }
  }

  has(cp: number): boolean {
    return cp < BMP ? this.drawableBmp[cp] === 1 : this.drawableAstral.has(cp);
  }

  /** Advance of one code point at size 1, in points. */
  advance(cp: number): number {
    if (cp < BMP) {
      const known = this.advanceBmp[cp]!;
      if (!Number.isNaN(known)) return known;
      const measured = this.font.widthOfTextAtSize(String.fromCharCode(cp), 1);
      this.advanceBmp[cp] = measured;
      return measured;
    }
    let known = this.advanceAstral.get(cp);
    if (known === undefined) {
      known = this.font.widthOfTextAtSize(String.fromCodePoint(cp), 1);
      this.advanceAstral.set(cp, known);
    }
    return known;
  }

  /** The width of `text` at `size`: advances summed left to right, then scaled. */
  width(text: string, size: number): number {
    let sum = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      sum += this.advance(cp);
    }
    return sum * size;
  }

  /** Write the glyph codes of `text` as the body of a literal string (what goes in `( … ) Tj`). */
  encodeInto(text: string, out: ByteSink): void {
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      if (cp >= BMP) out.bytes(this.encodeAstral(cp));
      else if (this.plainPair[cp]! >= 0) out.pair(this.plainPair[cp]!);
      else out.bytes(this.codesBmp[cp] ?? this.encodeBmp(cp));
    }
  }

  /** The literal string body of `text`, as bytes. */
  encode(text: string): Uint8Array {
    const sink = new ByteSink();
    this.encodeInto(text, sink);
    return sink.view().slice();
  }

  /** `text` with every character the font cannot draw replaced by U+FFFD (the same string if none). */
  printable(text: string): string {
    let i = 0;
    for (; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      if (cp >= 0xd800 || !(this.drawableBmp[cp] === 1 || isLayoutControl(cp))) break;
    }
    if (i === text.length) return text;
    let out = text.slice(0, i);
    for (const ch of text.slice(i)) {
      const cp = ch.codePointAt(0)!;
      out += this.has(cp) || isLayoutControl(cp) ? ch : String.fromCharCode(REPLACEMENT);
    }
    return out;
  }

  /** Through pdf-lib once per character: this adds the glyph to the subset and its ToUnicode map. */
  private encodeBmp(cp: number): Uint8Array {
    const codes = literalCodes(this.font.encodeText(String.fromCharCode(cp)).asString());
    this.codesBmp[cp] = codes;
    if (codes.length === 2 && codes[0] !== 0x5c) this.plainPair[cp] = (codes[0]! << 8) | codes[1]!;
    return codes;
  }

  private encodeAstral(cp: number): Uint8Array {
    let codes = this.codesAstral.get(cp);
    if (codes === undefined) {
      codes = literalCodes(this.font.encodeText(String.fromCodePoint(cp)).asString());
      this.codesAstral.set(cp, codes);
    }
    return codes;
  }
}
