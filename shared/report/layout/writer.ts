import type { PDFDocument, PDFPage, RGB } from 'pdf-lib';
import type { PageSizeName } from '../input';
import { PageContent } from './content';
import type { FontKey, ReportFontSet } from './fonts';
import { COLORS, MARGIN, PAGE_DIMENSIONS, TYPE } from './theme';
import { wrapText } from './wrap';

/** A bookmark target: where a section or sub-section starts. */
export interface OutlineEntry {
  readonly title: string;
  readonly level: 0 | 1;
  readonly pageIndex: number;
  /** y of the top of the heading, in PDF points from the bottom of the page. */
  readonly top: number;
}

export interface TextStyle {
  readonly font?: FontKey;
  readonly size?: number;
  readonly color?: RGB;
  /** Extra left indent in points. */
  readonly indent?: number;
  /** Space after the block in points (default: half a line). */
  readonly after?: number;
}

/**
 * The flow of the report: pages of one size, a cursor moving down, page breaks when a block does
 * not fit. Sections call it; footers are stamped after the last page exists (`stampFooters`).
 */
export class ReportWriter {
  readonly pages: PDFPage[] = [];
  /** What is drawn on each page (same index as `pages`), written into the PDF by `finish`. */
  readonly contents: PageContent[] = [];
  readonly outline: OutlineEntry[] = [];
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left = MARGIN.left;
  readonly bottom = MARGIN.bottom;
  readonly contentWidth: number;
  readonly top: number;
  y = 0;
  private current: PageContent | undefined;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: ReportFontSet,
    pageSize: PageSizeName,
  ) {
    const [w, h] = PAGE_DIMENSIONS[pageSize];
    this.pageWidth = w;
    this.pageHeight = h;
    this.contentWidth = w - MARGIN.left - MARGIN.right;
    this.top = h - MARGIN.top;
  }

  /** The page being filled (a new one if there is none yet). */
  get page(): PageContent {
    return this.current ?? this.newPage();
  }

  newPage(): PageContent {
    this.pages.push(this.doc.addPage([this.pageWidth, this.pageHeight]));
    const content = new PageContent();
    this.contents.push(content);
    this.current = content;
    this.y = this.top;
    return content;
  }

  /** Write every page's content into the document; the last call of a layout. */
  finish(): void {
    const { regular, bold, mono } = this.fonts.fonts;
    const refs = { regular: regular.ref, bold: bold.ref, mono: mono.ref };
    this.contents.forEach((content, i) => content.finish(this.doc, this.pages[i]!, refs));
  }

  /** Room left above the bottom margin. */
  get room(): number {
    return this.y - this.bottom;
  }

  /** Start a new page unless `height` points fit below the cursor. */
  ensure(height: number): void {
    if (this.current === undefined || this.room < height) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  lineHeight(size: number): number {
    return size * TYPE.lineFactor;
  }

  /** Wrap `text` for `width` in the given font and size (characters without a glyph → U+FFFD). */
  wrap(text: string, key: FontKey, size: number, width: number): string[] {
    const printable = this.fonts.printable(key, text);
    return wrapText(printable, width, (t) => this.fonts.width(key, t, size));
  }

  /** Draw one already-printable line with its baseline at `baseline`. */
  drawLine(
    page: PageContent,
    text: string,
    x: number,
    baseline: number,
    key: FontKey,
    size: number,
    color: RGB = COLORS.text,
  ): void {
    if (text === '') return;
    page.text(this.fonts.glyphs[key], text, x, baseline, key, size, color);
  }

  /** A wrapped block of text; breaks pages between lines. */
  text(text: string, style: TextStyle = {}): void {
    const key = style.font ?? 'regular';
    const size = style.size ?? TYPE.body;
    const indent = style.indent ?? 0;
    const lh = this.lineHeight(size);
    for (const line of this.wrap(text, key, size, this.contentWidth - indent)) {
      this.ensure(lh);
      this.drawLine(this.page, line, this.left + indent, this.y - size, key, size, style.color);
      this.y -= lh;
    }
    this.y -= style.after ?? lh / 2;
  }

  /** Paragraphs separated by blank lines. */
  paragraphs(text: string, style: TextStyle = {}): void {
    for (const p of text.split(/\n\s*\n/)) this.text(p.trim(), style);
  }

  /**
   * A section (level 0, starts a new page) or sub-section heading (level 1, kept with at least
   * `keepWith` points of what follows). Records the outline entry.
   */
  heading(title: string, level: 0 | 1, keepWith = 60): void {
    const size = level === 0 ? TYPE.h1 : TYPE.h2;
    if (level === 0) this.newPage();
    else {
      this.ensure(this.lineHeight(size) + keepWith);
      if (this.y < this.top) this.space(6);
    }
    const top = this.y;
    this.outline.push({
      title,
      level,
      pageIndex: this.pages.length - 1,
      top: Math.min(this.pageHeight, top + 8),
    });
    const lines = this.wrap(title, 'bold', size, this.contentWidth);
    for (const line of lines) {
      this.drawLine(this.page, line, this.left, this.y - size, 'bold', size, COLORS.accent);
      this.y -= this.lineHeight(size);
    }
    if (level === 0) {
      this.page.line(this.left, this.y + 2, this.left + this.contentWidth, this.y + 2, {
        thickness: 0.8,
        color: COLORS.accent,
      });
      this.space(10);
    } else this.space(3);
  }

  /** A shaded note box (used for the account-holder caveat). */
  note(text: string, style: TextStyle = {}): void {
    const key = style.font ?? 'regular';
    const size = style.size ?? TYPE.body;
    const pad = 7;
    const lh = this.lineHeight(size);
    const lines = this.wrap(text, key, size, this.contentWidth - 2 * pad);
    const height = lines.length * lh + 2 * pad;
    if (height <= this.top - this.bottom) this.ensure(height);
    let i = 0;
    while (i < lines.length) {
      this.ensure(lh + 2 * pad);
      const fit = Math.max(1, Math.min(lines.length - i, Math.floor((this.room - 2 * pad) / lh)));
      const h = fit * lh + 2 * pad;
      this.page.rect(this.left, this.y - h, this.contentWidth, h, COLORS.warnFill, {
        thickness: 0.5,
        color: COLORS.rule,
      });
      for (let k = 0; k < fit; k++) {
        this.drawLine(
          this.page,
          lines[i + k]!,
          this.left + pad,
          this.y - pad - k * lh - size,
          key,
          size,
          style.color,
        );
      }
      i += fit;
      this.y -= h;
    }
    this.space(style.after ?? 8);
  }
}
