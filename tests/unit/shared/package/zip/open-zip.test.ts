import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PackageError } from '../../../../../shared/errors';
import {
  bytesSource,
  DEFAULT_ZIP_LIMITS,
  openZip,
  streamZipEntry,
  type ZipArchive,
} from '../../../../../shared/package/zip';
import { craftZip } from './craft';

async function readAll(archive: ZipArchive, name: string): Promise<Uint8Array> {
  const entry = archive.entries.find((e) => e.name === name)!;
  const parts: Uint8Array[] = [];
  await streamZipEntry(archive, entry, (c) => {
    parts.push(c.slice());
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackageError) return error.code;
    throw error;
  }
  return 'no error';
}

function seeded(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('openZip over fflate-made zips', () => {
  it('lists stored and deflated entries and streams their exact bytes', async () => {
    const text = strToU8('line one\nline two — ünïcödé\n'.repeat(500));
    const random = seeded(70_000);
    const zip = zipSync({
      'bag/bagit.txt': [strToU8('BagIt-Version: 1.0\n'), { level: 6 }],
      'bag/data/log.txt': [text, { level: 9 }],
      'bag/data/blob.bin': [random, { level: 0 }],
      'bag/data/Ωmega.txt': [strToU8(''), { level: 6 }],
    });
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings).toEqual([]);
    expect(archive.entries.map((e) => [e.name, e.method])).toEqual([
      ['bag/bagit.txt', 8],
      ['bag/data/log.txt', 8],
      ['bag/data/blob.bin', 0],
      ['bag/data/Ωmega.txt', 8],
    ]);
    expect(await readAll(archive, 'bag/data/log.txt')).toEqual(text);
    expect(await readAll(archive, 'bag/data/blob.bin')).toEqual(random);
    expect(await readAll(archive, 'bag/data/Ωmega.txt')).toEqual(new Uint8Array(0));
  });

  it('streams a large deflated entry in bounded chunks, never the whole entry at once', async () => {
    // 4 MiB of noise, then 40 MiB of zeros (deflate's best case, ≈1030×).
    const big = new Uint8Array(44 * 1024 * 1024);
    big.set(seeded(4 * 1024 * 1024, 7));
    const zip = zipSync({ 'big.bin': [big, { level: 1 }] });
    const archive = await openZip(bytesSource(zip));
    const sizes: number[] = [];
    let equal = true;
    let at = 0;
    await streamZipEntry(archive, archive.entries[0]!, (c) => {
      sizes.push(c.length);
      for (let i = 0; i < c.length; i += 4099) if (c[i] !== big[at + i]) equal = false;
      at += c.length;
    });
    expect(at).toBe(big.length);
    expect(equal).toBe(true);
    expect(sizes.length).toBeGreaterThan(2);
    // One 16 KiB inflate slice yields at most 1032 × 16 KiB ≈ 16.1 MiB (entry-stream.ts).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1032 * 16 * 1024);
  });
});

describe('openZip over hand-built zips', () => {
  it('reads a ZIP64 archive (end record, locator, extra fields)', async () => {
    const data = strToU8('zip64 content\n');
    const zip = craftZip([{ name: 'a/b.txt', data, method: 8 }], { zip64: true });
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings).toEqual([]);
    expect(await readAll(archive, 'a/b.txt')).toEqual(data);
  });

  it.each([
    ['../evil.txt', 'ZIP_UNSAFE_PATH'],
    ['bag/../../evil.txt', 'ZIP_UNSAFE_PATH'],
    ['/etc/passwd', 'ZIP_UNSAFE_PATH'],
    ['C:/Windows/evil.dll', 'ZIP_UNSAFE_PATH'],
    ['c:evil', 'ZIP_UNSAFE_PATH'],
    ['bag\\..\\evil.txt', 'ZIP_UNSAFE_PATH'],
    ['bag/./x', 'ZIP_UNSAFE_PATH'],
    ['bag//x', 'ZIP_UNSAFE_PATH'],
    ['bag/x\u0000.txt', 'ZIP_UNSAFE_PATH'],
    ['bag/x\n.txt', 'ZIP_UNSAFE_PATH'],
  ])('refuses the entry name %j with %s and leaves the entry out', async (name, code) => {
    const zip = craftZip([
      { name: 'bag/ok.txt', data: strToU8('ok') },
      { name, data: strToU8('x') },
    ]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings).toEqual([expect.objectContaining({ code, entry: name })]);
    expect(archive.entries.map((e) => e.name)).toEqual(['bag/ok.txt']);
  });

  it('refuses a name that is not UTF-8', async () => {
    const zip = craftZip([{ name: new Uint8Array([0x62, 0xff, 0x2e]), data: strToU8('x') }]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings).toEqual([
      expect.objectContaining({ code: 'ZIP_UNSAFE_PATH', entry: '#0' }),
    ]);
  });

  it.each([
    [['bag/a.txt', 'bag/A.TXT']],
    [['bag/café.txt', 'bag/cafe\u0301.txt']],
    [['bag/x', 'bag/x']],
    [['bag/x', 'bag/x/y']],
  ])('refuses names that collide after NFC and case folding: %j', async (names) => {
    const zip = craftZip(names.map((name) => ({ name, data: strToU8(name) })));
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings.map((f) => f.code)).toEqual(['ZIP_DUPLICATE_ENTRY']);
    expect(archive.entries).toHaveLength(1);
  });

  it('refuses symlinks, encryption and unknown methods as unsupported', async () => {
    const zip = craftZip([
      { name: 'link', data: strToU8('/etc/passwd'), external: (0o120777 << 16) >>> 0 },
      { name: 'secret', data: strToU8('x'), flags: 0x801 },
      { name: 'bzip', data: strToU8('x'), method: 12 },
    ]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings.map((f) => [f.entry, f.code])).toEqual([
      ['link', 'ZIP_UNSUPPORTED'],
      ['secret', 'ZIP_UNSUPPORTED'],
      ['bzip', 'ZIP_UNSUPPORTED'],
    ]);
    expect(archive.entries).toEqual([]);
  });

  it('refuses an entry declaring more than the ratio limit (zip bomb by ratio)', async () => {
    // 8 MiB of zeros deflate to ≈8 KiB: within deflate's 1032× but above a 100× limit.
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = craftZip([{ name: 'zeros', data: zeros, method: 8 }]);
    const strict = { ...DEFAULT_ZIP_LIMITS, maxRatio: 100, ratioSlackBytes: 1024 };
    const archive = await openZip(bytesSource(zip), strict);
    expect(archive.findings.map((f) => f.code)).toEqual(['ZIP_RATIO']);
    // Under the FORMAT.md §8 default (1000× + 1 MiB) the same entry is legitimate.
    const lenient = await openZip(bytesSource(zip));
    expect(lenient.findings).toEqual([]);
  });

  it('refuses a lying header that declares a huge size from a few bytes', async () => {
    const zip = craftZip([{ name: 'x', data: strToU8('tiny'), method: 8, usize: 4_000_000_000 }]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings.map((f) => f.code)).toEqual(['ZIP_RATIO']);
  });

  it('refuses a total declared size above the limit (zip bomb by total size)', async () => {
    const data = new Uint8Array(600 * 1024);
    const zip = craftZip([
      { name: 'a', data, method: 8 },
      { name: 'b', data, method: 8 },
    ]);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalUncompressed: 1024 * 1024 };
    expect(await codeOf(openZip(bytesSource(zip), limits))).toBe('ZIP_TOO_LARGE');
  });

  it('refuses more entries than the limit before reading the central directory', async () => {
    const zip = craftZip([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 2 };
    expect(await codeOf(openZip(bytesSource(zip), limits))).toBe('ZIP_TOO_LARGE');
  });

  it('stops an entry that inflates beyond its declared size before handing the excess on', async () => {
    const zeros = new Uint8Array(1024 * 1024);
    const zip = craftZip([{ name: 'x', data: zeros, method: 8, usize: 1000, crc: 0 }]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings).toEqual([]);
    let handed = 0;
    const code = await codeOf(
      streamZipEntry(archive, archive.entries[0]!, (c) => {
        handed += c.length;
      }),
    );
    expect(code).toBe('ZIP_MALFORMED');
    expect(handed).toBeLessThanOrEqual(1000);
  });

  it('reports an entry shorter than declared', async () => {
    const zip = craftZip([{ name: 'x', data: strToU8('abc'), method: 8, usize: 4 }]);
    const archive = await openZip(bytesSource(zip));
    expect(await codeOf(readAll(archive, 'x'))).toBe('ZIP_MALFORMED');
  });

  it('reports a CRC-32 mismatch', async () => {
    const zip = craftZip([{ name: 'x', data: strToU8('abc'), crc: 0x12345678 }]);
    const archive = await openZip(bytesSource(zip));
    expect(await codeOf(readAll(archive, 'x'))).toBe('ZIP_CRC_MISMATCH');
  });

  it('reports corrupt deflate data', async () => {
    const zip = craftZip([
      { name: 'x', data: strToU8('abc'), method: 8, raw: new Uint8Array([0xff, 0xff, 0xff]) },
    ]);
    const archive = await openZip(bytesSource(zip));
    expect(await codeOf(readAll(archive, 'x'))).toBe('ZIP_MALFORMED');
  });

  it('refuses entries whose bytes overlap (the non-recursive zip bomb)', async () => {
    const zip = craftZip([
      { name: 'a', data: strToU8('shared bytes') },
      { name: 'b', data: strToU8('shared bytes'), offsetOf: 0, localName: 'a' },
    ]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings.map((f) => f.code)).toContain('ZIP_MALFORMED');
    expect(archive.entries.map((e) => e.name)).toEqual(['a']);
  });

  it('refuses a local header that names another file', async () => {
    const zip = craftZip([{ name: 'a', data: strToU8('x'), localName: 'b' }]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.findings.map((f) => f.code)).toEqual(['ZIP_MALFORMED']);
  });

  it('refuses bytes after the end record, short files and non-zips', async () => {
    const zip = craftZip([{ name: 'a', data: strToU8('x') }], { trailing: strToU8('hidden') });
    expect(await codeOf(openZip(bytesSource(zip)))).toBe('ZIP_MALFORMED');
    expect(await codeOf(openZip(bytesSource(strToU8('PK'))))).toBe('ZIP_MALFORMED');
    expect(await codeOf(openZip(bytesSource(new Uint8Array(4096))))).toBe('ZIP_MALFORMED');
  });

  it('accepts an archive comment', async () => {
    const zip = craftZip([{ name: 'a', data: strToU8('x') }], { comment: 'made by hand' });
    expect((await openZip(bytesSource(zip))).entries).toHaveLength(1);
  });

  it('refuses an end record whose entry count lies', async () => {
    const zip = craftZip([{ name: 'a', data: strToU8('x') }], { count: 2 });
    expect(await codeOf(openZip(bytesSource(zip)))).toBe('ZIP_MALFORMED');
  });
});

describe('hostile bytes never crash the reader', () => {
  const base = zipSync({
    'bag/bagit.txt': [strToU8('BagIt-Version: 1.0\n'), { level: 6 }],
    'bag/data/a.txt': [strToU8('hello '.repeat(300)), { level: 6 }],
    'bag/data/b.bin': [seeded(3000, 3), { level: 0 }],
  });
  const zip64 = craftZip(
    [
      { name: 'a', data: strToU8('aaaa'.repeat(100)), method: 8 },
      { name: 'b', data: strToU8('b') },
    ],
    { zip64: true },
  );

  async function readEverything(bytes: Uint8Array): Promise<void> {
    try {
      const archive = await openZip(bytesSource(bytes));
      for (const entry of archive.entries) {
        try {
          await streamZipEntry(archive, entry, () => undefined);
        } catch (error) {
          if (!(error instanceof PackageError)) throw error;
        }
      }
    } catch (error) {
      if (!(error instanceof PackageError)) throw error;
    }
  }

  it.each([
    ['fflate zip', base],
    ['ZIP64 zip', zip64],
  ])('%s: random byte flips give PackageErrors or findings only', async (_, zip) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (flips) => {
          const bytes = zip.slice();
          for (const [at, x] of flips) bytes[at] = bytes[at]! ^ x;
          await readEverything(bytes);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('truncations at every length give PackageErrors only', async () => {
    for (let n = 0; n < base.length; n++) await readEverything(base.subarray(0, n));
  });

  it('a flipped data byte is always caught when the entry is read', async () => {
    const archive = await openZip(bytesSource(base));
    const b = archive.entries.find((e) => e.name === 'bag/data/b.bin')!;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(b.compressedSize - 1),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const bytes = base.slice();
          bytes[b.dataOffset + at] = bytes[b.dataOffset + at]! ^ x;
          const flipped = await openZip(bytesSource(bytes));
          const entry = flipped.entries.find((e) => e.name === b.name)!;
          expect(await codeOf(streamZipEntry(flipped, entry, () => undefined))).toBe(
            'ZIP_CRC_MISMATCH',
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('codes', () => {
  it('every ZIP_ error code is a package finding code (FORMAT.md §8)', async () => {
    const { PACKAGE_ERROR_CODES } = await import('../../../../../shared/errors');
    const { PACKAGE_FINDING_CODES } = await import('../../../../../shared/package/finding-codes');
    const zip = PACKAGE_ERROR_CODES.filter((c) => c.startsWith('ZIP_'));
    expect(zip.length).toBeGreaterThan(5);
    for (const c of zip) expect(PACKAGE_FINDING_CODES).toContain(c);
  });
});
