import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedReportFonts, type ReportFontSet } from '../../../../../shared/report/layout/fonts';
import { literalCodes } from '../../../../../shared/report/layout/glyphs';
import { ReportWriter } from '../../../../../shared/report/layout/writer';
import { testFonts } from '../report-input.fixture';

/**
 * Per-character glyphs (FontGlyphs): what is drawn is each character's own glyph, so the drawn
 * text is the measured text — no ligature (DejaVu Sans shapes `ff`, `fi`, `fl`, `ffi` into one
 * glyph), every glyph in the subset, and pdftotext gives the text back through ToUnicode.
 */
let doc: PDFDocument;
let set: ReportFontSet;
const work = mkdtempSync(join(tmpdir(), 'sealcase-glyphs-'));

beforeAll(async () => {
  doc = await PDFDocument.create({ updateMetadata: false });
  set = await embedReportFonts(doc, testFonts());
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const KEYS = ['regular', 'bold', 'mono'] as const;

/** The bytes a PDF reader takes from a literal string body (the escapes literalCodes writes). */
function unescaped(body: Uint8Array): number[] {
  const bytes: number[] = [];
  for (let k = 0; k < body.length; k++) {
    let c = body[k]!;
    if (c === 0x5c) {
      const next = body[++k]!;
      c = next === 0x6e ? 0x0a : next === 0x72 ? 0x0d : next;
    } else {
      expect([0x28, 0x29, 0x0a, 0x0d]).not.toContain(c);
    }
    bytes.push(c);
  }
  return bytes;
}

const encode = (key: (typeof KEYS)[number], text: string) => set.glyphs[key].encode(text);
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
// Characters the fonts have (Latin with ligature candidates, Cyrillic, Greek, arrows, a combining
// accent, U+FFFD) and ones some lack (an astral emoji: DejaVu Sans Mono; a CJK ideograph; a lone surrogate).
const ALPHABET = [...'fil office:0123456789abcdef Дело Ωμέγα→—é\u0301\uFFFD', '😀', '漢', '\ud800'];
const text = fc
  .array(fc.constantFrom(...ALPHABET), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('literalCodes', () => {
  it('writes two bytes a glyph and escapes ( ) \\ CR and LF', () => {
    const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(literalCodes('00410028')).toEqual(bytes('\x00A\x00\\('));
    expect(literalCodes('0029005C000D000A01FF')).toEqual(
      bytes('\x00\\)\x00\\\\\x00\\r\x00\\n\x01\xff'),
    );
  });

  it('property: a reader gets every byte back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
        expect(unescaped(literalCodes(hex))).toEqual([...bytes]);
      }),
    );
  });
});

describe('FontGlyphs', () => {
  it('draws each character as its own glyph: no ligatures in proportional fonts', () => {
    for (const key of ['regular', 'bold'] as const) {
      const f = encode(key, 'f');
      const i = encode(key, 'i');
      expect(unescaped(f)).toHaveLength(2);
      expect(encode(key, 'ffff')).toEqual(concat([f, f, f, f]));
      expect(encode(key, 'fi')).toEqual(concat([f, i]));
      expect(set.width(key, 'ffff', 10)).toBeCloseTo(4 * set.width(key, 'f', 10), 10);
    }
  });

  it('property: a printable text encodes as the concatenation of its characters, 2 bytes each', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...KEYS), (raw, key) => {
        const shown = set.printable(key, raw);
        const chars = [...shown];
        const hex = encode(key, shown);
        expect(hex).toEqual(concat(chars.map((c) => encode(key, c))));
        expect(unescaped(hex)).toHaveLength(2 * chars.length);
        const sum = chars.reduce((s, c) => s + set.width(key, c, 1), 0);
        expect(set.width(key, shown, 7.5)).toBeCloseTo(sum * 7.5, 9);
      }),
    );
  });

  it('property: printable keeps what the font draws and replaces the rest with U+FFFD, one for one', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...KEYS), (raw, key) => {
        const shown = set.printable(key, raw);
        const before = [...raw];
        const after = [...shown];
        expect(after).toHaveLength(before.length);
        after.forEach((c, k) => {
          const drawable = set.glyphs[key].has(before[k]!.codePointAt(0)!);
          expect(c).toBe(drawable ? before[k] : '\uFFFD');
        });
        if (after.every((c, k) => c === before[k])) expect(shown).toBe(raw);
      }),
    );
    expect(set.printable('regular', 'a\tb\nc')).toBe('a\tb\nc');
    expect(set.printable('mono', '漢😀x')).toBe('\uFFFD\uFFFDx');
  });
});

describe('text drawn per character', () => {
  it('comes back from pdftotext unchanged, in every font, with every glyph in the subsets', async () => {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedReportFonts(pdf, testFonts());
    const w = new ReportWriter(pdf, fonts, 'A4');
    const lines = [
      'office ffff fi fl ffi — 2001:db8:ffff:ffff:ffff:ffff:ffff:fffe',
      'Олена Коваленко · Δημήτρης Παπαδόπουλος → é',
      'sha256 16564eba08217f83510197bb31c69da97cf5d2',
    ];
    for (const key of KEYS) for (const line of lines) w.text(line, { font: key });
    w.text('emoji 😀 and 漢 here', { font: 'regular' });
    w.finish();
    const file = join(work, 'glyphs.pdf');
    writeFileSync(file, await pdf.save());
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
      'No syntax or stream encoding errors found',
    );
    const out = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    const got = out.split('\n').filter((l) => l.trim() !== '' && l !== '\f');
    const decomposed = (s: string) => s.normalize('NFD');
    expect(got.slice(0, 9).map(decomposed)).toEqual(
      KEYS.flatMap(() => lines.map((l) => decomposed(l))),
    );
    // DejaVu Sans has U+1F600 (an astral glyph, drawn as itself), not U+6F22.
    expect(got[9]).toBe('emoji 😀 and \uFFFD here');
  });
});
