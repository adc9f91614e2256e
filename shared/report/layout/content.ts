import { PDFName, type PDFDocument, type PDFPage, type PDFRef, type RGB } from 'pdf-lib';
import type { FontKey } from './fonts';

/** Resource names of the three fonts on every page that uses them. */
const FONT_RESOURCE: Readonly<Record<FontKey, string>> = { regular: 'FR', bold: 'FB', mono: 'FM' };
const FONT_KEYS: readonly FontKey[] = ['regular', 'bold', 'mono'];

/** A coordinate or size to 1/1000 pt: far below what a renderer can show, and short to write. */
function num(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

const colorText = new Map<RGB, string>();
function rgbText(color: RGB): string {
  let text = colorText.get(color);
  if (text === undefined) {
    text = `${num(color.red)} ${num(color.green)} ${num(color.blue)}`;
    colorText.set(color, text);
  }
  return text;
}

export interface Stroke {
  readonly thickness: number;
  readonly color: RGB;
  /** Dash lengths in points (none: solid). */
  readonly dash?: readonly number[];
}

/**
 * The content stream of one page, written as PDF operators in text (ISO 32000-1 §8–9) rather than
 * through pdf-lib's `drawText`/`drawRectangle`, which build a dozen operator objects, an SVG path
 * and a save/restore pair per call. Consecutive texts share one `BT … ET`; the fill colour, font,
 * stroke colour, line width and dash are written only when they change. The whole page sits in
 * one `q … Q`, so nothing leaks into content added later (the signature field adds none).
 */
export class PageContent {
  private readonly parts: string[] = [];
  private inText = false;
  private fill = '';
  private fillColor: RGB | undefined;
  private fontKey: FontKey | undefined;
  private fontSize = 0;
  private stroke = '';
  private lineWidth = '';
  private dash = '[] 0';
  private readonly fontsUsed = new Set<FontKey>();

  /** One line of text: `hex` are the glyph codes (FontGlyphs.encode), baseline at `y`. */
  text(hex: string, x: number, y: number, key: FontKey, size: number, color: RGB): void {
    if (hex === '') return;
    if (!this.inText) {
      this.parts.push('BT\n');
      this.inText = true;
    }
    if (key !== this.fontKey || size !== this.fontSize) {
      this.parts.push(`/${FONT_RESOURCE[key]} ${num(size)} Tf\n`);
      this.fontKey = key;
      this.fontSize = size;
      this.fontsUsed.add(key);
    }
    if (color !== this.fillColor) this.parts.push(this.fillOp(color));
    this.parts.push(`1 0 0 1 ${num(x)} ${num(y)} Tm <${hex}> Tj\n`);
  }

  /** A filled rectangle, with an outline when `border` is given. */
  rect(x: number, y: number, width: number, height: number, color: RGB, border?: Stroke): void {
    let ops = this.endText() + this.fillOp(color);
    if (border !== undefined) ops += this.strokeOps(border);
    ops += `${num(x)} ${num(y)} ${num(width)} ${num(height)} re ${border === undefined ? 'f' : 'B'}\n`;
    this.parts.push(ops);
  }

  /** A straight line. */
  line(x1: number, y1: number, x2: number, y2: number, stroke: Stroke): void {
    const ops = this.endText() + this.strokeOps(stroke);
    this.parts.push(`${ops}${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S\n`);
  }

  /**
   * Add the operators to `page` as one compressed content stream, with the fonts it uses in its
   * resources. Called once per page, after the last drawing.
   */
  finish(doc: PDFDocument, page: PDFPage, fontRefs: Readonly<Record<FontKey, PDFRef>>): void {
    const body = `q\n${this.parts.join('')}${this.endText()}Q\n`;
    this.parts.length = 0;
    for (const key of FONT_KEYS) {
      if (this.fontsUsed.has(key)) {
        page.node.setFontDictionary(PDFName.of(FONT_RESOURCE[key]), fontRefs[key]);
      }
    }
    const stream = doc.context.flateStream(body);
    page.node.addContentStream(doc.context.register(stream));
  }

  private endText(): string {
    if (!this.inText) return '';
    this.inText = false;
    return 'ET\n';
  }

  private fillOp(color: RGB): string {
    this.fillColor = color;
    const fill = rgbText(color);
    if (fill === this.fill) return '';
    this.fill = fill;
    return `${fill} rg\n`;
  }

  private strokeOps(s: Stroke): string {
    let ops = '';
    const stroke = rgbText(s.color);
    if (stroke !== this.stroke) {
      this.stroke = stroke;
      ops += `${stroke} RG\n`;
    }
    const width = num(s.thickness);
    if (width !== this.lineWidth) {
      this.lineWidth = width;
      ops += `${width} w\n`;
    }
    const dash = `[${(s.dash ?? []).map(num).join(' ')}] 0`;
    if (dash !== this.dash) {
      this.dash = dash;
      ops += `${dash} d\n`;
    }
    return ops;
  }
}
