import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../../../shared/errors';
import { buildReport, type PageSizeName, type ReportAttachment } from '../../../../shared/report';
import { reportInput, testFonts } from './report-input.fixture';

/**
 * The report as a recipient's tools see it: qpdf, poppler (pdftotext, pdfinfo, pdffonts,
 * pdfdetach) and pdftoppm renders in test-results/report/ for a person to look at.
 */
const OUT = join('test-results', 'report');
const fonts = testFonts();
const SECTIONS = [
  "Examiner's declaration",
  'Artefact inventory',
  'Chain of custody',
  'Timeline',
  'Email transmission paths',
  'Attribution findings',
  'Method',
  'Glossary',
];

const attachments: ReportAttachment[] = [
  {
    name: 'zeta-cgn.log',
    bytes: new TextEncoder().encode('Mar  1 10:00:00 gw1 NAT44 allocate\n'),
    mimeType: 'text/plain',
    description: 'A3',
  },
  // Bytes that a text round trip would damage: every byte value.
  {
    name: 'alpha-binary.bin',
    bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) % 256),
    mimeType: 'application/octet-stream',
    description: 'binary',
  },
  {
    name: 'письмо.eml',
    bytes: new TextEncoder().encode('Subject: Ты меня не найдёшь\r\n\r\nbody\r\n'),
    mimeType: 'message/rfc822',
    description: 'A1',
  },
];

const tool = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const pageTexts = (file: string) =>
  tool('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);

interface Built {
  file: string;
  bytes: Uint8Array;
  pages: number;
}
const built = {} as Record<PageSizeName, Built>;
let work: string;

async function build(pageSize: PageSizeName, withAttachments: boolean): Promise<Uint8Array> {
  const doc = await buildReport(reportInput(200), fonts, {
    pageSize,
    ...(withAttachments ? { attachments } : {}),
  });
  return doc.save();
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'sealcase-report-'));
  for (const size of ['A4', 'Letter'] as const) {
    const bytes = await build(size, size === 'A4');
    const file = join(OUT, `report-${size}.pdf`);
    writeFileSync(file, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1]);
    built[size] = { file, bytes, pages };
    for (const f of readdirSync(OUT)) if (f.startsWith(`page-${size}-`)) rmSync(join(OUT, f));
    tool('pdftoppm', ['-r', '60', '-png', file, join(OUT, `page-${size}`)]);
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(['A4', 'Letter'] as const)('buildReport, %s', (size) => {
  it('passes qpdf --check', () => {
    const out = tool('qpdf', ['--check', built[size].file]);
    expect(out).toContain('No syntax or stream encoding errors found');
  });

  it('has the page size and spans several pages for 200 events', () => {
    const info = tool('pdfinfo', [built[size].file]);
    expect(info).toMatch(
      size === 'A4' ? /595\.28 x 841\.89 pts \(A4\)/ : /612 x 792 pts \(letter\)/,
    );
    expect(built[size].pages).toBeGreaterThan(12);
    expect(readdirSync(OUT).filter((f) => f.startsWith(`page-${size}-`))).toHaveLength(
      built[size].pages,
    );
  });

  it('says "page N of M" and the case number on every page', () => {
    const texts = pageTexts(built[size].file);
    const total = built[size].pages;
    expect(texts).toHaveLength(total);
    texts.forEach((t, i) => {
      expect(t).toContain(`page ${i + 1} of ${total}`);
      expect(t).toContain('Case 2026/0417');
    });
  });

  it('holds every section title, Cyrillic and Greek text, full IPv6 addresses and hashes', () => {
    const text = pageTexts(built[size].file).join('\n');
    for (const s of SECTIONS) expect(text).toContain(s);
    expect(text).toContain('Олена Коваленко');
    expect(text).toContain('Δημήτρης Παπαδόπουλος');
    expect(text).toContain('Attribution names the holder of an internet account, not a person.');
    // A full 64-hex digest on one line in the inventory, and an IPv6 address's groups in order.
    const sha = reportInput(1).artefacts[0]!.sha256;
    expect(text).toContain(sha);
    expect(text.replace(/\s+/g, '')).toContain('2001:0db8:85a3:0000:0000:8a2e:0370:7334');
    // No character fell back to the replacement glyph.
    expect(text).not.toContain('\uFFFD');
  });

  it('draws every word inside the page margins (no table overflows the page)', () => {
    const html = tool('pdftotext', ['-bbox', built[size].file, '-']);
    const width = size === 'A4' ? 595.28 : 612;
    const words = [
      ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g),
    ];
    expect(words.length).toBeGreaterThan(5000);
    for (const [, xMin, , xMax] of words) {
      expect(Number(xMin)).toBeGreaterThanOrEqual(53.9);
      expect(Number(xMax)).toBeLessThanOrEqual(width - 53.9);
    }
  });

  it('embeds the three fonts as subsets', () => {
    const lines = tool('pdffonts', [built[size].file])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(lines.map((l) => l.split(/\s+/)[0]).sort()).toEqual([
      'SLCBLD+DejaVuSans-Bold',
      'SLCMNO+DejaVuSansMono',
      'SLCREG+DejaVuSans',
    ]);
    for (const l of lines) expect(l).toMatch(/yes yes yes/);
  });

  it('has an outline with one entry per section, pointing at the right pages', async () => {
    const doc = await PDFDocument.load(built[size].bytes);
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const pageRefs = doc.getPages().map((p) => p.ref.toString());
    const texts = pageTexts(built[size].file);
    const titles: string[] = [];
    let ref = outlines.get(PDFName.of('First')) as PDFRef | undefined;
    while (ref !== undefined) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'), PDFHexString).decodeText();
      const dest = item.lookup(PDFName.of('Dest'), PDFArray);
      const page = pageRefs.indexOf(dest.get(0).toString());
      expect(page).toBeGreaterThan(0);
      expect(texts[page]).toContain(title.slice(0, 20));
      titles.push(title);
      ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
    }
    expect(titles).toEqual(SECTIONS);
    expect(outlines.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBeGreaterThanOrEqual(
      SECTIONS.length,
    );
    // qpdf reads the same tree, with the email message and the findings as children.
    const json = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', built[size].file])) as {
      outlines: { title: string; kids: { title: string }[] }[];
    };
    expect(json.outlines.map((o) => o.title)).toEqual(SECTIONS);
    expect(
      json.outlines.find((o) => o.title === 'Attribution findings')?.kids.map((k) => k.title),
    ).toEqual([
      'Finding 1: 203.0.113.77:41234 — unique',
      'Finding 2: 2001:0db8:85a3:0000:0000:8a2e:0370:7334 — no-coverage',
    ]);
  });

  it('sets the document metadata from the input', () => {
    const info = tool('pdfinfo', [built[size].file]);
    expect(info).toMatch(/Title:\s+Case 2026\/0417: Harassment by email/);
    expect(info).toMatch(/Author:\s+Олена Коваленко, Regional Digital Forensics Lab/);
    expect(info).toMatch(/Creator:\s+Sealcase 0\.1\.0\n/);
    expect(info).toMatch(
      /Subject:\s+Forensic examination report, package sealcase-2026-0417-20260302T090000Z/,
    );
    expect(tool('pdfinfo', ['-isodates', built[size].file])).toMatch(
      /CreationDate:\s+2026-03-02T09:00:00Z/,
    );
  });
});

describe('buildReport output', () => {
  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await build('A4', true);
    expect(Buffer.from(again).equals(Buffer.from(built.A4.bytes))).toBe(true);
  });

  it('embeds the attachments sorted by name, byte-identical through pdfdetach -saveall', () => {
    const list = tool('pdfdetach', ['-list', built.A4.file]);
    expect(
      list
        .split('\n')
        .slice(1, 4)
        .map((l) => l.replace(/^\d+: /, '')),
    ).toEqual(['alpha-binary.bin', 'zeta-cgn.log', 'письмо.eml']);
    const dir = join(work, 'detached');
    mkdirSync(dir);
    tool('pdfdetach', ['-saveall', '-o', dir, built.A4.file]);
    for (const a of attachments)
      expect(new Uint8Array(readFileSync(join(dir, a.name)))).toEqual(a.bytes);
    expect(tool('pdfdetach', ['-list', built.Letter.file])).toContain('0 embedded files');
  });

  it('splits a row taller than a page across pages and repeats the table header on each', async () => {
    const input = reportInput(30);
    // Five 4,000-character notes on one event: one table row of several pages.
    const words = (seed: number) =>
      Array.from({ length: 400 }, (_, i) => `w${seed}-${i}`).join(' ');
    input.timeline.notes = [0, 1, 2, 3, 4].map((k) => ({
      event: 2,
      text: `${words(k)}`.slice(0, 4000),
    }));
    const file = join(OUT, 'tall-row-Letter.pdf');
    writeFileSync(file, await (await buildReport(input, fonts, { pageSize: 'Letter' })).save());
    expect(tool('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
    const texts = pageTexts(file);
    const first = texts.findIndex((t) => /^\s*Timeline\s*$/m.test(t));
    const last = texts.findIndex((t) => /^\s*Email transmission paths\s*$/m.test(t));
    expect(last - first).toBeGreaterThan(2);
    for (const t of texts.slice(first, last)) expect(t).toContain('What the record says');
    // Every word of every note is drawn, in order, exactly once.
    const drawn = texts.slice(first, last).join(' ');
    for (let k = 0; k < 5; k++) {
      expect(drawn).toContain(`w${k}-0 `);
      expect(drawn.split(`w${k}-250 `)).toHaveLength(2);
    }
  });

  it('refuses bad options and fonts with codes, before building anything', async () => {
    const code = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ReportError);
      return (e as ReportError).code;
    };
    const input = reportInput(10);
    expect(await code(buildReport(input, fonts, { pageSize: 'A5' as PageSizeName }))).toBe(
      'REPORT_OPTIONS_INVALID',
    );
    const twice = [attachments[0]!, attachments[0]!];
    expect(await code(buildReport(input, fonts, { pageSize: 'A4', attachments: twice }))).toBe(
      'REPORT_OPTIONS_INVALID',
    );
    const slash = [{ ...attachments[0]!, name: '../etc/passwd' }];
    expect(await code(buildReport(input, fonts, { pageSize: 'A4', attachments: slash }))).toBe(
      'REPORT_OPTIONS_INVALID',
    );
    const notTtf = { ...fonts, mono: new TextEncoder().encode('not a font at all') };
    expect(await code(buildReport(input, notTtf, { pageSize: 'A4' }))).toBe('REPORT_FONT_INVALID');
    const truncated = { ...fonts, bold: fonts.bold.slice(0, 2000) };
    expect(await code(buildReport(input, truncated, { pageSize: 'A4' }))).toBe(
      'REPORT_FONT_INVALID',
    );
    expect(await code(buildReport({ ...input, v: 9 }, fonts, { pageSize: 'A4' }))).toBe(
      'REPORT_VERSION_UNSUPPORTED',
    );
    expect(
      await code(buildReport({ ...input, generatedAt: 'yesterday' }, fonts, { pageSize: 'A4' })),
    ).toBe('REPORT_INPUT_INVALID');
  });
});
