import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { ReportError } from '../../errors';
import type { ReportFonts } from '../input';
import { FontGlyphs } from './glyphs';

export type FontKey = 'regular' | 'bold' | 'mono';

/**
 * The report's embedded fonts with per-character glyph tables (glyphs.ts): widths, glyph codes
 * and the glyph check. A character the font has no glyph for is drawn as U+FFFD (the replacement
 * character) rather than as an invisible .notdef, so the reader sees that something was there.
 */
export interface ReportFontSet {
  readonly fonts: Readonly<Record<FontKey, PDFFont>>;
  readonly glyphs: Readonly<Record<FontKey, FontGlyphs>>;
  width(key: FontKey, text: string, size: number): number;
  /** The text with every character the font cannot draw replaced by U+FFFD. */
  printable(key: FontKey, text: string): string;
}

/**
 * @cantoo/pdf-lib 2.11.1 serialises a subset with `subset.encode()` whenever that is a function, as
 * in @cantoo/fontkit. @pdf-lib/fontkit 1.1.1's TTF subset also has an `encode(stream)` — an
 * internal that needs a stream — so the call throws (`reading 'pos'`). Hand pdf-lib a subset that
 * shows only `includeGlyph` and `encodeStream`, which it then uses.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
interface SubsetLike {
  includeGlyph(glyph: unknown): number | boolean;
  encodeStream?(): unknown;
  cff?: unknown;
}
interface FontLike {
  createSubset?: () => SubsetLike;
}

export const streamSubsetFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const created = (fontkit as unknown as Fontkit).create(buffer, postscriptName);
    const font = created as unknown as FontLike | null;
    if (font === null || typeof font.createSubset !== 'function') return created;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = (): SubsetLike => {
      const inner = createSubset();
      const subset: SubsetLike = { includeGlyph: (g) => inner.includeGlyph(g), cff: inner.cff };
      if (inner.encodeStream !== undefined) subset.encodeStream = inner.encodeStream.bind(inner);
      return subset;
    };
    return created;
  },
};

/** Fixed subset tags (ISO 32000-1 §9.6.4: six capitals and "+"), so the output is deterministic. */
const SUBSET_TAGS: Readonly<Record<FontKey, string>> = {
  regular: 'SLCREG',
  bold: 'SLCBLD',
  mono: 'SLCMNO',
};

/** `SLCREG+DejaVuSans`: the tag and the font's own PostScript name. */
function subsetName(key: FontKey, bytes: Uint8Array): string {
  const font = fontkit.create(bytes) as { postscriptName?: unknown };
  const ps =
    typeof font.postscriptName === 'string'
      ? font.postscriptName.replace(/[^A-Za-z0-9-]/g, '')
      : '';
  return `${SUBSET_TAGS[key]}+${ps === '' ? `Font-${key}` : ps}`;
}

const TTF_MAGIC = [0x00010000, 0x74727565]; // TrueType 1.0, 'true'

function checkTtf(key: FontKey, bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12) {
    throw new ReportError('REPORT_FONT_INVALID', `font "${key}" is missing or too short`, {
      where: key,
    });
  }
  const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (!TTF_MAGIC.includes(magic)) {
    throw new ReportError('REPORT_FONT_INVALID', `font "${key}" is not a TrueType font`, {
      where: key,
    });
  }
}

export async function embedReportFonts(doc: PDFDocument, raw: ReportFonts): Promise<ReportFontSet> {
  doc.registerFontkit(streamSubsetFontkit);
  const keys: FontKey[] = ['regular', 'bold', 'mono'];
  const embedded = {} as Record<FontKey, PDFFont>;
  const glyphs = {} as Record<FontKey, FontGlyphs>;
  for (const key of keys) {
    const bytes = raw[key];
    checkTtf(key, bytes);
    try {
      embedded[key] = await doc.embedFont(bytes, {
        subset: true,
        customName: subsetName(key, bytes),
      });
      glyphs[key] = new FontGlyphs(embedded[key], embedded[key].getCharacterSet());
    } catch (cause) {
      throw new ReportError('REPORT_FONT_INVALID', `font "${key}" cannot be embedded`, {
        where: key,
        cause,
      });
    }
    if (!glyphs[key].has(0xfffd) || !glyphs[key].has(0x41)) {
      throw new ReportError('REPORT_FONT_INVALID', `font "${key}" lacks basic Latin or U+FFFD`, {
        where: key,
      });
    }
  }
  return {
    fonts: embedded,
    glyphs,
    width: (key, text, size) => glyphs[key].width(text, size),
    printable: (key, text) => glyphs[key].printable(text),
  };
}
