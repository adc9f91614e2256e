import { PDFName, type PDFDocument, type PDFPage, type PDFRef, type RGB } from 'pdf-lib';
import { ByteSink } from './byte-sink';
import type { FontKey } from './fonts';
import type { FontGlyphs } from './glyphs';

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
 * The content stream of one page, written as PDF operators (ISO 32000-1 §8–9) straight into bytes
 * rather than through pdf-lib's `drawText`/`drawRectangle`, which build a dozen operator objects,
 * an SVG path and a save/restore pair per call. Consecutive texts share one `BT … ET` and move
 * with `Td`; the fill colour, font, stroke colour, line width and dash are written only when they
 * change. The whole page sits in one `q … Q`, so nothing leaks into content added later.
 */
export class PageContent {
  private readonly out = new ByteSink();
  private inText = false;
  /** Start of the current text line in 1/1000 pt (a text object starts at the origin). */
  private lineX = 0;
  private lineY = 0;
  private fill = '';
  private fillColor: RGB | undefined;
  private fontKey: FontKey | undefined;
  private fontSize = 0;
  private stroke = '';
  private lineWidth = '';
  private dash = '[] 0';
  private readonly fontsUsed = new Set<FontKey>();

  constructor() {
    this.out.ascii('q\n');
  }

  /**
   * One line of already-printable `text` in the font `key` (whose glyphs are `glyphs`), its
   * baseline starting at (`x`, `y`). Positions are `Td` moves from the previous line's start in
   * whole thousandths, so they add up exactly to the rounded absolute position.
   */
  text(
    glyphs: FontGlyphs,
    text: string,
    x: number,
    y: number,
    key: FontKey,
    size: number,
    color: RGB,
  ): void {
    if (text === '') return;
    const { out } = this;
    if (!this.inText) {
      out.ascii('BT\n');
      this.inText = true;
      this.lineX = 0;
      this.lineY = 0;
    }
    if (key !== this.fontKey || size !== this.fontSize) {
      out.ascii(`/${FONT_RESOURCE[key]} ${num(size)} Tf\n`);
      this.fontKey = key;
      this.fontSize = size;
      this.fontsUsed.add(key);
    }
    if (color !== this.fillColor) this.setFill(color);
    const tx = Math.round(x * 1000);
    const ty = Math.round(y * 1000);
    out.ascii(`${(tx - this.lineX) / 1000} ${(ty - this.lineY) / 1000} Td (`);
    glyphs.encodeInto(text, out);
    out.ascii(') Tj\n');
    this.lineX = tx;
    this.lineY = ty;
  }

  /** A filled rectangle, with an outline when `border` is given. */
  rect(x: number, y: number, width: number, height: number, color: RGB, border?: Stroke): void {
    this.endText();
    this.setFill(color);
    if (border !== undefined) this.setStroke(border);
    this.out.ascii(
      `${num(x)} ${num(y)} ${num(width)} ${num(height)} re ${border === undefined ? 'f' : 'B'}\n`,
    );
  }

  /** A straight line. */
  line(x1: number, y1: number, x2: number, y2: number, stroke: Stroke): void {
    this.endText();
    this.setStroke(stroke);
    this.out.ascii(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S\n`);
  }

  /**
   * Add the operators to `page` as one compressed content stream, with the fonts it uses in its
   * resources. Called once per page, after the last drawing.
   */
  finish(doc: PDFDocument, page: PDFPage, fontRefs: Readonly<Record<FontKey, PDFRef>>): void {
    this.endText();
    this.out.ascii('Q\n');
    for (const key of FONT_KEYS) {
      if (this.fontsUsed.has(key)) {
        page.node.setFontDictionary(PDFName.of(FONT_RESOURCE[key]), fontRefs[key]);
      }
    }
    const stream = doc.context.flateStream(this.out.view());
    page.node.addContentStream(doc.context.register(stream));
  }

  private endText(): void {
    if (!this.inText) return;
    this.inText = false;
    this.out.ascii('ET\n');
  }

  private setFill(color: RGB): void {
    this.fillColor = color;
    const fill = rgbText(color);
    if (fill === this.fill) return;
    this.fill = fill;
    this.out.ascii(`${fill} rg\n`);
  }

  private setStroke(s: Stroke): void {
    const stroke = rgbText(s.color);
    if (stroke !== this.stroke) {
      this.stroke = stroke;
      this.out.ascii(`${stroke} RG\n`);
    }
    const width = num(s.thickness);
    if (width !== this.lineWidth) {
      this.lineWidth = width;
      this.out.ascii(`${width} w\n`);
    }
    const dash = `[${(s.dash ?? []).map(num).join(' ')}] 0`;
    if (dash !== this.dash) {
      this.dash = dash;
      this.out.ascii(`${dash} d\n`);
    }
  }
}
