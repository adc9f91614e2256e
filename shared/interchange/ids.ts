import { toHex, utf8Encode } from '../custody/bytes';
import type { Sha256 } from '../custody/hash';

/** Domain-separation prefix of every key hashed into a node id (ASCII, ends in NUL). */
export const NODE_ID_PREFIX = 'sealcase/case-uco/v1\u0000';

/**
 * A UUID-shaped name for a stable key: the first 16 bytes of SHA-256(prefix ‖ key), with the
 * version nibble set to 5 and the RFC 4122 variant bits (like a UUIDv5, but over SHA-256). Same
 * key, same id; no clock, no randomness. UCO suggests every node IRI ends in a UUID.
 */
export async function uuidFromKey(sha256: Sha256, key: string): Promise<string> {
  const bytes = utf8Encode(NODE_ID_PREFIX + key);
  if (bytes === null) throw new TypeError('node key contains a lone surrogate');
  const d = (await sha256(bytes)).slice(0, 16);
  d[6] = ((d[6] as number) & 0x0f) | 0x50;
  d[8] = ((d[8] as number) & 0x3f) | 0x80;
  const h = toHex(d);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Makes `kb:<kind>-<uuid>` ids from key parts (joined with NUL, so parts cannot run together). */
export function nodeIds(sha256: Sha256): (kind: string, ...parts: string[]) => Promise<string> {
  return async (kind, ...parts) =>
    `kb:${kind}-${await uuidFromKey(sha256, [kind, ...parts].join('\u0000'))}`;
}
