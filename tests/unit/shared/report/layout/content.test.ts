import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PageContent } from '../../../../../shared/report/layout/content';
import { embedReportFonts } from '../../../../../shared/report/layout/fonts';
import type { FontGlyphs } from '../../../../../shared/report/layout/glyphs';
import { testFonts } from '../report-input.fixture';

/** Glyph codes that are the text itself, so the operators read plainly. */
const plain = {
  encodeInto: (text: string, out: { ascii(t: string): void }) => out.ascii(text),
} as unknown as FontGlyphs;

/** The operators PageContent writes, read back from the saved page. */
async function drawn(draw: (c: PageContent) => void): Promise<{ ops: string; fonts: string[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const set = await embedReportFonts(doc, testFonts());
  const page = doc.addPage([200, 200]);
  const content = new PageContent();
  draw(content);
  const { regular, bold, mono } = set.fonts;
  content.finish(doc, page, { regular: regular.ref, bold: bold.ref, mono: mono.ref });
  const loaded = await PDFDocument.load(await doc.save());
  const node = loaded.getPage(0).node;
  const streams = node.Contents();
  if (!(streams instanceof PDFArray)) throw new Error('expected /Contents as an array');
  expect(streams.size()).toBe(1);
  const stream = streams.lookup(0, PDFRawStream);
  const ops = inflateSync(stream.getContents()).toString('latin1');
  const fontDict = node.Resources()!.lookupMaybe(PDFName.of('Font'), PDFDict);
  const fonts = fontDict === undefined ? [] : fontDict.keys().map((k) => k.asString());
  return { ops, fonts };
}

const red = rgb(1, 0, 0);
const grey = rgb(0.5, 0.5, 0.5);

describe('PageContent', () => {
  it('writes a run of texts as one text object, moves relative, state only when it changes', async () => {
    const { ops, fonts } = await drawn((c) => {
      c.text(plain, 'A', 10, 20, 'regular', 9.5, red);
      c.text(plain, 'B', 10.12345, 30, 'regular', 9.5, red);
      c.text(plain, 'C', 10, 40, 'mono', 7.2, red);
      c.text(plain, '', 10, 50, 'bold', 7.2, grey); // nothing to draw: no state either
    });
    expect(ops).toBe(
      [
        'q',
        'BT',
        '/FR 9.5 Tf',
        '1 0 0 rg',
        '10 20 Td (A) Tj',
        '0.123 10 Td (B) Tj',
        '/FM 7.2 Tf',
        '-0.123 10 Td (C) Tj',
        'ET',
        'Q',
        '',
      ].join('\n'),
    );
    expect(fonts.sort()).toEqual(['/FM', '/FR']);
  });

  it('closes the text object before graphics, and keeps the fill colour across', async () => {
    const { ops, fonts } = await drawn((c) => {
      c.text(plain, 'A', 10, 20, 'bold', 8, grey);
      c.rect(0, 0, 50, 10, grey);
      c.rect(0, 10, 50, 10, red, { thickness: 0.5, color: grey });
      c.line(0, 0, 100, 0, { thickness: 0.5, color: grey, dash: [1, 2.5] });
      c.line(0, 5, 100, 5, { thickness: 0.4, color: grey });
      c.text(plain, 'B', 10, 30, 'bold', 8, red);
    });
    expect(ops).toBe(
      [
        'q',
        'BT',
        '/FB 8 Tf',
        '0.5 0.5 0.5 rg',
        '10 20 Td (A) Tj',
        'ET',
        '0 0 50 10 re f',
        '1 0 0 rg',
        '0.5 0.5 0.5 RG',
        '0.5 w',
        '0 10 50 10 re B',
        '[1 2.5] 0 d',
        '0 0 m 100 0 l S',
        '0.4 w',
        '[] 0 d',
        '0 5 m 100 5 l S',
        'BT',
        '10 30 Td (B) Tj',
        'ET',
        'Q',
        '',
      ].join('\n'),
    );
    expect(fonts).toEqual(['/FB']);
  });

  it('writes an empty page as an empty q … Q with no fonts', async () => {
    const { ops, fonts } = await drawn(() => undefined);
    expect(ops).toBe('q\nQ\n');
    expect(fonts).toEqual([]);
  });
});
