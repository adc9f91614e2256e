#!/usr/bin/env node
// Draws the Sealcase icon (a navy shield carrying a gold seal with a check mark) and writes every
// file the packaging targets need into build/icons/, with no dependency beyond node:zlib:
//   icon.png              512×512, the master icon
//   16x16.png … 512x512.png  the Linux icon set (AppImage, deb)
//   icon.ico              Windows (NSIS), PNG-compressed entries 16…256
//   icon.icns             macOS (dmg), PNG-compressed entries 16…1024
// electron-builder uses these files as they are; it never has to convert (its converter would
// download a tool). Output is deterministic: rerunning rewrites identical bytes.
// Usage: node build/scripts/make-icon.mjs [outDir]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = resolve(process.argv[2] ?? join(root, 'build', 'icons'));

const NAVY = [0x1f, 0x3a, 0x5f];
const GOLD = [0xe3, 0xb3, 0x41];
const SUPERSAMPLE = 4; // 4×4 samples per pixel for anti-aliased edges

// ---- the glyph, in unit coordinates (x right, y down, both 0…1) -------------------------------

const CX = 0.5;
const SHIELD_TOP = 0.08;
const SHIELD_SHOULDER = 0.5; // where the straight sides start to curve in
const SHIELD_BOTTOM = 0.94;
const SHIELD_HALF_WIDTH = 0.36;
const CORNER = 0.06;

/** Inside the shield outline, scaled by `s` around the shield's centre. */
function inShield(x, y, s = 1) {
  const cy = (SHIELD_TOP + SHIELD_BOTTOM) / 2;
  const u = (x - CX) / s;
  const v = (y - cy) / s + cy;
  if (v < SHIELD_TOP || v > SHIELD_BOTTOM) return false;
  const ax = Math.abs(u);
  if (v <= SHIELD_SHOULDER) {
    // straight sides with rounded top corners
    if (ax > SHIELD_HALF_WIDTH) return false;
    const dx = ax - (SHIELD_HALF_WIDTH - CORNER);
    const dy = SHIELD_TOP + CORNER - v;
    return dx <= 0 || dy <= 0 || dx * dx + dy * dy <= CORNER * CORNER;
  }
  // lower part: sides curve in to a point
  const t = (v - SHIELD_SHOULDER) / (SHIELD_BOTTOM - SHIELD_SHOULDER);
  return ax <= SHIELD_HALF_WIDTH * (1 - t ** 1.8);
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const SEAL = { x: 0.5, y: 0.46, outer: 0.205, inner: 0.165 };
const CHECK = [
  [0.41, 0.465],
  [0.477, 0.535],
  [0.6, 0.39],
];
const CHECK_HALF_WIDTH = 0.028;
const SEAL_NOTCHES = 16; // scalloped rim, like a wax or embossed seal
const NOTCH_DEPTH = 0.012;

/** The colour at one sample point, or null for transparent. */
function sample(x, y) {
  if (!inShield(x, y)) return null;
  // gold inner border
  if (inShield(x, y, 0.9) && !inShield(x, y, 0.865)) return GOLD;
  const r = Math.hypot(x - SEAL.x, y - SEAL.y);
  const angle = Math.atan2(y - SEAL.y, x - SEAL.x);
  const rim = SEAL.outer - NOTCH_DEPTH * (0.5 - 0.5 * Math.cos(angle * SEAL_NOTCHES));
  if (r <= rim && r >= SEAL.inner) return GOLD;
  const onCheck =
    distanceToSegment(x, y, ...CHECK[0], ...CHECK[1]) <= CHECK_HALF_WIDTH ||
    distanceToSegment(x, y, ...CHECK[1], ...CHECK[2]) <= CHECK_HALF_WIDTH;
  return onCheck ? GOLD : NAVY;
}

/** RGBA pixels of the icon at `size`×`size`, with premultiplied-then-unpremultiplied coverage. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = sample(
            (px + (sx + 0.5) / SUPERSAMPLE) / size,
            (py + (sy + 0.5) / SUPERSAMPLE) / size,
          );
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        pixels[o] = Math.round(r / covered);
        pixels[o + 1] = Math.round(g / covered);
        pixels[o + 2] = Math.round(b / covered);
        pixels[o + 3] = Math.round((255 * covered) / n);
      }
    }
  }
  return pixels;
}

// ---- PNG ---------------------------------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace: 0
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- ICO and ICNS containers (both accept PNG-compressed entries) ------------------------------

function encodeIco(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header[e + 2] = 0; // palette colours
    header[e + 3] = 0;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.png)]);
}

function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---- main --------------------------------------------------------------------------------------

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = new Map(SIZES.map((size) => [size, encodePng(size, render(size))]));

const LINUX_SET = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic13', 256], // 128@2x
  ['ic14', 512], // 256@2x
];

await mkdir(outDir, { recursive: true });
const written = [];
async function put(name, bytes) {
  await writeFile(join(outDir, name), bytes);
  written.push(`${name} (${bytes.length} B)`);
}
await put('icon.png', png.get(512));
for (const size of LINUX_SET) await put(`${size}x${size}.png`, png.get(size));
await put('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png.get(size) }))));
await put(
  'icon.icns',
  encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png.get(size) }))),
);
console.log(`wrote ${outDir}:\n  ${written.join('\n  ')}`);
