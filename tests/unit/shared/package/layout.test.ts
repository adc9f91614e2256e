import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BAGIT_DECLARATION,
  checkBagPath,
  classifyBagPath,
  compareUtf8,
  formatBagInfo,
  formatManifest,
  PACKAGE_ID_PATTERN,
  packageIdFromRandom,
  parseBagInfo,
  parseManifest,
  safeOriginalName,
  type BagInfo,
} from '../../../../shared/package';

const enc = (s: string) => new TextEncoder().encode(s);
const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const H = 'a'.repeat(64);

describe('checkBagPath', () => {
  it.each([
    ['data/x.txt', null],
    ['data/originals/ab/name with space.log', null],
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['data/../x', 'dot-segment'],
    ['data/./x', 'dot-segment'],
    ['data//x', 'empty-segment'],
    ['data/x/', 'empty-segment'],
    ['data/50%25.txt', 'forbidden-character'],
    ['data\\x', 'forbidden-character'],
    ['data/a\nb', 'forbidden-character'],
    ['data/a\rb', 'forbidden-character'],
    ['data/a\tb', 'forbidden-character'],
    ['data/\ud800', 'not-unicode'],
    [`data/${'x'.repeat(256)}`, 'segment-too-long'],
    [`${'d/'.repeat(600)}x`, 'too-long'],
  ])('%j → %s', (path, problem) => {
    expect(checkBagPath(path)).toBe(problem);
  });
});

describe('safeOriginalName', () => {
  it.each([
    ['mail.eml', 'mail.eml'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['50%.txt', '50_.txt'],
    ['a\\b:c*d?.log', 'a_b_c_d_.log'],
    ['line\nbreak', 'line_break'],
    ['  .hidden. ', 'hidden'],
    ['...', 'original'],
    ['', 'original'],
    ['CON.txt', 'original.txt'],
    ['nul', 'original'],
    ['Ελληνικά кириллица.csv', 'Ελληνικά кириллица.csv'],
  ])('%j → %j', (name, safe) => {
    expect(safeOriginalName(name)).toBe(safe);
  });

  it('always gives a valid path segment of at most 200 UTF-8 bytes (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (name) => {
        const safe = safeOriginalName(name);
        expect(checkBagPath(`data/originals/${H}/${safe}`)).toBeNull();
        expect(enc(safe).length).toBeLessThanOrEqual(200);
        expect(safe.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('manifest lines', () => {
  it('formats sorted by UTF-8 bytes, parses back to the same entries (property)', () => {
    const segment = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .map(safeOriginalName);
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
            path: segment.map((s) => `data/${s}`),
          }),
          { selector: (e) => e.path, minLength: 1, maxLength: 20 },
        ),
        (entries) => {
          const text = formatManifest(entries);
          const parsed = parseManifest(enc(text));
          expect(parsed).toEqual({
            ok: true,
            entries: [...entries].sort((a, b) => compareUtf8(a.path, b.path)),
          });
        },
      ),
    );
  });

  it('orders by UTF-8 bytes, not UTF-16 units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    expect(compareUtf8('\uff21', '\u{1f600}')).toBeLessThan(0);
    expect('\uff21' < '\u{1f600}').toBe(false);
  });

  it.each([
    [`${H} data/x\n`, 'bad-line', 1],
    [`${H}\tdata/x\n`, 'bad-line', 1],
    [`${H}  data/x\r\n`, 'bad-line', 1],
    [`${H.toUpperCase()}  data/x\n`, 'bad-line', 1],
    [`${H}  *data/x\n`.replace('  *', ' *'), 'bad-line', 1],
    [`${H}  data/x`, 'no-final-newline', 1],
    [`${H}  data/y\n${H}  data/x\n`, 'unsorted', 2],
    [`${H}  data/x\n${H}  data/x\n`, 'duplicate', 2],
    [`${H}  data/../x\n`, 'bad-path', 1],
    [`${H}  data/50%25\n`, 'bad-path', 1],
    ['', 'empty', 0],
    [`${H}  data/x\n\n`, 'bad-line', 2],
  ])('rejects %j as %s at line %d', (text, reason, line) => {
    expect(parseManifest(enc(text))).toMatchObject({ ok: false, reason, line });
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = Uint8Array.from([...enc(`${H}  data/`), 0xff, 0x0a]);
    expect(parseManifest(bytes)).toMatchObject({ ok: false, reason: 'not-utf8' });
  });

  it('refuses to format a path sha256sum would misread', () => {
    expect(() => formatManifest([{ sha256: H, path: 'data/a%b' }])).toThrow(RangeError);
    expect(() => formatManifest([{ sha256: 'x', path: 'data/a' }])).toThrow(RangeError);
  });
});

describe('manifest and sha256sum -c agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealcase-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('coreutils accepts our manifest for awkward but valid names, and catches one changed byte', () => {
    const files: Record<string, string> = {
      'data/plain.txt': 'one\n',
      'data/name with  two spaces.log': 'two\n',
      'data/originals/x/Ελληνικά кириллица.csv': 'three\n',
      'data/ lead space': 'four\n',
    };
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), c);
    }
    const manifest = formatManifest(
      Object.entries(files).map(([path, c]) => ({ path, sha256: sha(c) })),
    );
    writeFileSync(join(dir, 'manifest-sha256.txt'), manifest);
    execFileSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: dir });
    writeFileSync(join(dir, 'data/plain.txt'), 'onE\n');
    expect(() =>
      execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: dir, stdio: 'pipe' }),
    ).toThrow();
  });
});

describe('bag-info.txt', () => {
  const info: BagInfo = {
    'Bagging-Date': '2026-04-01',
    'Payload-Oxum': '1234.7',
    'External-Identifier': packageIdFromRandom(new Uint8Array(16).fill(7)),
    'Source-Organization': 'Lab',
    'Contact-Name': 'Ann Examiner',
    'External-Description': 'Sealcase evidence package for case 2026/17',
    'Bag-Software-Agent': 'Sealcase 0.1.0',
    'Sealcase-Package-Version': '1',
    'Sealcase-Case-Number': '2026/17',
    'Sealcase-Case-Id': '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    'Sealcase-Tool-Version': '0.1.0',
    'Sealcase-Redaction': 'none',
    'Sealcase-Ledger-Size': '12',
    'Sealcase-Checkpoint-Root': H,
  };

  it('round-trips, labels in the documented order', () => {
    const text = formatBagInfo(info);
    expect(text.split('\n')[0]).toBe('Bagging-Date: 2026-04-01');
    expect(text.split('\n')[1]).toBe('Payload-Oxum: 1234.7');
    expect(parseBagInfo(enc(text))).toEqual({ ok: true, info });
  });

  it('refuses a control character in a value and a redaction without its full package', () => {
    expect(() => formatBagInfo({ ...info, 'Sealcase-Case-Number': 'a\nB: c' })).toThrow();
    expect(() => formatBagInfo({ ...info, 'Sealcase-Redaction': 'redacted' })).toThrow();
    expect(
      formatBagInfo({ ...info, 'Sealcase-Redaction': 'redacted', 'Sealcase-Full-Package': H }),
    ).toContain(`Sealcase-Full-Package: ${H}\n`);
  });

  it.each([
    ['Unknown-Label: x\n', 'Unknown-Label'],
    ['Payload-Oxum: 12\n', 'Payload-Oxum'],
    ['Sealcase-Package-Version: 2\n', 'Sealcase-Package-Version'],
  ])('a file with %j is rejected naming the label', (extra, label) => {
    const lines = formatBagInfo(info)
      .split('\n')
      .filter((l) => !l.startsWith(`${label}:`));
    const text = `${lines.filter((l) => l !== '').join('\n')}\n${extra}`;
    const parsed = parseBagInfo(enc(text));
    expect(parsed.ok).toBe(false);
  });

  it('rejects repeated labels, folded lines and a missing final newline with a line number', () => {
    const text = formatBagInfo(info);
    expect(parseBagInfo(enc(`${text}Contact-Name: B\n`))).toMatchObject({ ok: false, line: 15 });
    expect(parseBagInfo(enc(`${text}  folded\n`))).toMatchObject({ ok: false, line: 15 });
    expect(parseBagInfo(enc(text.slice(0, -1)))).toMatchObject({ ok: false });
  });
});

describe('layout helpers', () => {
  it('package ids are UUID v4 URNs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (r) => {
        expect(packageIdFromRandom(r)).toMatch(PACKAGE_ID_PATTERN);
      }),
    );
  });

  it('classifies every v1 path and nothing else', () => {
    expect(classifyBagPath('bagit.txt')).toEqual({ kind: 'tag', name: 'bagit.txt' });
    expect(classifyBagPath('data/report.pdf')).toEqual({ kind: 'fixed', path: 'data/report.pdf' });
    expect(classifyBagPath(`data/originals/${H}/x.log`)).toEqual({
      kind: 'original',
      sha256: H,
      name: 'x.log',
    });
    expect(classifyBagPath(`data/certs/${H}.pem`)).toEqual({
      kind: 'cert',
      sha256: H,
      form: 'pem',
    });
    expect(classifyBagPath(`data/analysis/${H}.json`)).toEqual({ kind: 'decision', sha256: H });
    expect(classifyBagPath('data/extra.txt')).toBeNull();
    expect(classifyBagPath(`data/originals/${H}/a/b`)).toBeNull();
    expect(classifyBagPath('BAGIT.TXT')).toBeNull();
  });

  it('the declaration is the two BagIt 1.0 lines', () => {
    expect(BAGIT_DECLARATION).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });
});
