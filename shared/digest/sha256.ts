/**
 * Incremental SHA-256 (FIPS 180-4) in plain TypeScript, for places without an incremental native
 * hash: WebCrypto's `digest()` takes the whole input at once, so the offline verifier page
 * (`verify.html`) streams large originals through this instead. Node code uses `node:crypto`.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** An incremental hash: feed bytes with `update`, read the digest once with `digest`. */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

class Sha256 implements IncrementalHash {
  private readonly state = Uint32Array.from(H0);
  private readonly w = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  private bytesHashed = 0;
  private finished = false;

  update(bytes: Uint8Array): void {
    if (this.finished) throw new Error('sha256: update after digest');
    let offset = 0;
    this.bytesHashed += bytes.length;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, bytes.length);
      this.block.set(bytes.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    while (bytes.length - offset >= 64) {
      this.compress(bytes, offset);
      offset += 64;
    }
    if (offset < bytes.length) {
      this.block.set(bytes.subarray(offset), 0);
      this.blockLength = bytes.length - offset;
    }
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('sha256: digest called twice');
    this.finished = true;
    const bitsHigh = Math.floor(this.bytesHashed / 0x20000000);
    const bitsLow = (this.bytesHashed << 3) >>> 0;
    const block = this.block;
    block[this.blockLength] = 0x80;
    block.fill(0, this.blockLength + 1);
    if (this.blockLength + 1 > 56) {
      this.compress(block, 0);
      block.fill(0);
    }
    block[56] = bitsHigh >>> 24;
    block[57] = bitsHigh >>> 16;
    block[58] = bitsHigh >>> 8;
    block[59] = bitsHigh;
    block[60] = bitsLow >>> 24;
    block[61] = bitsLow >>> 16;
    block[62] = bitsLow >>> 8;
    block[63] = bitsLow;
    this.compress(block, 0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = this.state[i] as number;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = v >>> 16;
      out[i * 4 + 2] = v >>> 8;
      out[i * 4 + 3] = v;
    }
    return out;
  }

  private compress(p: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] =
        (((p[j] as number) << 24) |
          ((p[j + 1] as number) << 16) |
          ((p[j + 2] as number) << 8) |
          (p[j + 3] as number)) >>>
        0;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    const s = this.state;
    let a = s[0] as number;
    let b = s[1] as number;
    let c = s[2] as number;
    let d = s[3] as number;
    let e = s[4] as number;
    let f = s[5] as number;
    let g = s[6] as number;
    let h = s[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    s[0] = ((s[0] as number) + a) >>> 0;
    s[1] = ((s[1] as number) + b) >>> 0;
    s[2] = ((s[2] as number) + c) >>> 0;
    s[3] = ((s[3] as number) + d) >>> 0;
    s[4] = ((s[4] as number) + e) >>> 0;
    s[5] = ((s[5] as number) + f) >>> 0;
    s[6] = ((s[6] as number) + g) >>> 0;
    s[7] = ((s[7] as number) + h) >>> 0;
  }
}

/** A fresh incremental SHA-256. */
export function createSha256(): IncrementalHash {
  return new Sha256();
}
