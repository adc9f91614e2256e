// The bench's stand-in for Electron's IPC hop of `workspace:next` (Node side). Electron clones the
// handler's value with V8's serializer in main, moves the bytes to the renderer over Mojo (shared
// memory for big messages) and deserializes them there. Here main's serializer runs for real
// (`v8.serialize`, its cost counted), the bytes go over loopback HTTP in one binary frame (a copy,
// as Mojo makes), and the page rebuilds the value from the frame and then runs Chromium's own
// structured clone on it (counted too; more than the renderer's deserialize alone). CDP, which a
// Playwright binding uses, moves ≈300 MB of page text per million events as escaped JSON and is
// far slower than either (see `SEALCASE_BENCH_HOP=binding`).
//
// Frame: u32 LE header length, header JSON (UTF-8), then per page its arrays in the order its header
// lists them ([name, kind, length]) and its JSON body (UTF-8), each starting 8-aligned
// (`decodeFrame` in bench-page.ts reads it).
import { Buffer } from 'node:buffer';
import { serialize } from 'node:v8';

const ARRAYS = [
  'ts',
  'types',
  'ip4',
  'ip6',
  'ipStart',
  'ipRefs',
  'portStart',
  'portLo',
  'portHi',
  'accStart',
  'accRefs',
  'offsets',
];

/** The frame of one checked `workspace:next` value; also runs main's structured-clone serializer. */
export function encodeFrame(batch) {
  serialize(batch);
  const parts = [];
  let at = 0;
  const add = (buf) => {
    const start = at;
    parts.push(buf);
    at += buf.length;
    const pad = (8 - (at % 8)) % 8;
    if (pad > 0) {
      parts.push(Buffer.alloc(pad));
      at += pad;
    }
    return start;
  };
  const sections = [];
  const pages = batch.pages.map((p) => {
    const arrays = [];
    for (const name of ARRAYS) {
      const a = p[name];
      sections.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      arrays.push([name, a.constructor.name, a.length]);
    }
    const json = Buffer.from(p.json, 'utf8');
    sections.push(json);
    return {
      seq: p.seq,
      count: p.count,
      minTs: Number.isFinite(p.minTs) ? p.minTs : null,
      maxTs: Number.isFinite(p.maxTs) ? p.maxTs : null,
      typeMask: p.typeMask,
      accounts: p.accounts,
      arrays,
      jsonBytes: json.length,
    };
  });
  const header = Buffer.from(
    JSON.stringify({
      done: batch.done,
      warnings: batch.warnings,
      parser: batch.parser,
      bytes: batch.bytes,
      total: batch.total,
      pages,
    }),
  );
  const lead = Buffer.alloc(4);
  lead.writeUInt32LE(header.length);
  add(Buffer.concat([lead, header]));
  for (const section of sections) add(section);
  return Buffer.concat(parts);
}
