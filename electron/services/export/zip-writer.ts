/**
 * Zips a staged bag (shared/package/FORMAT.md §8): one top folder, entries in manifest order (tag
 * files, then payload), originals and the PDF stored, text deflated, UTF-8 names, ZIP64 where a
 * size or offset needs it. Each local header is reserved, the data streamed, then the header
 * written in place with the CRC-32 and sizes (no data descriptors). The file is fsynced.
 */
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { compareUtf8 } from '../../../shared/package';
import { exportIo } from './bag-writer';

const CHUNK = 4 * 1024 * 1024;
const MAX32 = 0xffffffff;

interface Entry {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  compressed: number;
  offset: number;
  zip64: boolean;
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? d.name : `${prefix}/${d.name}`;
    if (d.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out;
}

const isStored = (path: string) => path.startsWith('data/originals/') || path.endsWith('.pdf');

function localHeader(e: Entry): Buffer {
  const extra = e.zip64 ? 20 : 0;
  const b = Buffer.alloc(30 + e.name.length + extra);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(e.zip64 ? 45 : 20, 4);
  b.writeUInt16LE(0x0800, 6); // UTF-8 names
  b.writeUInt16LE(e.method, 8);
  b.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00 (fixed: the bag's dates are inside it)
  b.writeUInt32LE(e.crc, 14);
  b.writeUInt32LE(e.zip64 ? MAX32 : e.compressed, 18);
  b.writeUInt32LE(e.zip64 ? MAX32 : e.size, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(extra, 28);
  e.name.copy(b, 30);
  if (e.zip64) {
    const x = 30 + e.name.length;
    b.writeUInt16LE(0x0001, x);
    b.writeUInt16LE(16, x + 2);
    b.writeBigUInt64LE(BigInt(e.size), x + 4);
    b.writeBigUInt64LE(BigInt(e.compressed), x + 12);
  }
  return b;
}

function centralHeader(e: Entry): Buffer {
  const big = e.zip64 || e.offset >= MAX32;
  const extra = big ? 28 : 0;
  const b = Buffer.alloc(46 + e.name.length + extra);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(0x0300 | (big ? 45 : 20), 4); // made by Unix
  b.writeUInt16LE(big ? 45 : 20, 6);
  b.writeUInt16LE(0x0800, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt32LE(0x00210000, 12);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(big ? MAX32 : e.compressed, 20);
  b.writeUInt32LE(big ? MAX32 : e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extra, 30);
  b.writeUInt32LE((0o100444 << 16) >>> 0, 38); // regular file, read-only
  b.writeUInt32LE(big ? MAX32 : e.offset, 42);
  e.name.copy(b, 46);
  if (big) {
    const x = 46 + e.name.length;
    b.writeUInt16LE(0x0001, x);
    b.writeUInt16LE(24, x + 2);
    b.writeBigUInt64LE(BigInt(e.size), x + 4);
    b.writeBigUInt64LE(BigInt(e.compressed), x + 12);
    b.writeBigUInt64LE(BigInt(e.offset), x + 20);
  }
  return b;
}

function endRecords(count: number, cdOffset: number, cdSize: number): Buffer {
  const big = count > 0xffff || cdOffset >= MAX32 || cdSize >= MAX32;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(big ? 0xffff : count, 8);
  eocd.writeUInt16LE(big ? 0xffff : count, 10);
  eocd.writeUInt32LE(big ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(big ? MAX32 : cdOffset, 16);
  if (!big) return eocd;
  const z64 = Buffer.alloc(56 + 20);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeUInt16LE(45, 12);
  z64.writeUInt16LE(45, 14);
  z64.writeBigUInt64LE(BigInt(count), 24);
  z64.writeBigUInt64LE(BigInt(count), 32);
  z64.writeBigUInt64LE(BigInt(cdSize), 40);
  z64.writeBigUInt64LE(BigInt(cdOffset), 48);
  z64.writeUInt32LE(0x07064b50, 56);
  z64.writeBigUInt64LE(BigInt(cdOffset + cdSize), 64);
  z64.writeUInt32LE(1, 72);
  return Buffer.concat([z64, eocd]);
}

async function streamEntry(
  out: FileHandle,
  at: number,
  source: string,
  method: 0 | 8,
): Promise<{ crc: number; size: number; compressed: number }> {
  const input = await open(source, 'r');
  let crc = 0;
  let size = 0;
  let compressed = 0;
  const write = async (chunk: Buffer) => {
    await out.write(chunk, 0, chunk.length, at + compressed);
    compressed += chunk.length;
  };
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const deflate = method === 8 ? createDeflateRaw({ level: 6 }) : null;
    const pending: Buffer[] = [];
    deflate?.on('data', (c: Buffer) => pending.push(c));
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      crc = crc32(chunk, crc);
      size += bytesRead;
      if (deflate === null) {
        await write(chunk);
      } else {
        await new Promise<void>((res, rej) =>
          deflate.write(Buffer.from(chunk), (e) => (e ? rej(e) : res())),
        );
        await new Promise<void>((res) => deflate.flush(res));
        for (const c of pending.splice(0)) await write(c);
      }
    }
    if (deflate !== null) {
      await new Promise<void>((res) => deflate.end(res));
      await new Promise<void>((res) =>
        deflate.readableEnded ? res() : deflate.once('end', () => res()),
      );
      for (const c of pending.splice(0)) await write(c);
    }
  } finally {
    await input.close();
  }
  return { crc: crc >>> 0, size, compressed };
}

/** Writes `bagDir` as a zip at `target` (created exclusively), under the top folder `top`. */
export async function writeZip(bagDir: string, top: string, target: string): Promise<void> {
  const paths = (await listFiles(bagDir)).sort((a, b) => {
    const ta = a.startsWith('data/') ? 1 : 0;
    const tb = b.startsWith('data/') ? 1 : 0;
    return ta - tb || compareUtf8(a, b);
  });
  let out: FileHandle;
  try {
    out = await open(target, 'wx', 0o444);
  } catch (error) {
    throw exportIo(target, 'creating the zip', error);
  }
  try {
    const entries: Entry[] = [];
    let offset = 0;
    for (const path of paths) {
      const source = join(bagDir, ...path.split('/'));
      const { size } = await stat(source);
      const method: 0 | 8 = isStored(path) ? 0 : 8;
      const entry: Entry = {
        name: Buffer.from(`${top}/${path}`, 'utf8'),
        method,
        crc: 0,
        size,
        compressed: size,
        offset,
        // Deflate can grow incompressible data a little: leave room before the 4 GiB line.
        zip64: size >= MAX32 - 16 * 1024 * 1024,
      };
      const headerLength = localHeader(entry).length;
      const data = await streamEntry(out, offset + headerLength, source, method);
      Object.assign(entry, data);
      await out.write(localHeader(entry), 0, headerLength, offset);
      offset += headerLength + entry.compressed;
      entries.push(entry);
    }
    const central = Buffer.concat(entries.map(centralHeader));
    await out.write(central, 0, central.length, offset);
    const end = endRecords(entries.length, offset, central.length);
    await out.write(end, 0, end.length, offset + central.length);
    await out.sync();
  } catch (error) {
    throw exportIo(target, 'writing the zip', error);
  } finally {
    await out.close();
  }
}
