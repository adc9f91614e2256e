import forge from 'node-forge';

/** Small helpers over node-forge's ASN.1 (which works on "binary strings", one char per byte). */
export type Node = forge.asn1.Asn1;

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

export function fromBinary(text: string): Buffer {
  return Buffer.from(text, 'binary');
}

export function der(node: Node): Buffer {
  return fromBinary(asn1.toDer(node).getBytes());
}

/** Parses DER (or BER with definite or indefinite lengths); throws on trailing bytes. */
export function parse(bytes: Uint8Array): Node {
  // forge 1.4 takes an options object here; @types/node-forge still declares only `strict`.
  const fromDer = asn1.fromDer as unknown as (bytes: string, options: object) => Node;
  return fromDer(toBinary(bytes), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

export const seq = (items: Node[]): Node => asn1.create(U, asn1.Type.SEQUENCE, true, items);
export const set = (items: Node[]): Node => asn1.create(U, asn1.Type.SET, true, items);
export const oid = (id: string): Node =>
  asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
export const int = (n: number): Node =>
  asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
export const octets = (bytes: Uint8Array): Node =>
  asn1.create(U, asn1.Type.OCTETSTRING, false, toBinary(bytes));
export const nul = (): Node => asn1.create(U, asn1.Type.NULL, false, '');
/** A BMPString: UTF-16BE (forge would write the JS string's chars as single bytes). */
export const bmp = (text: string): Node =>
  asn1.create(U, asn1.Type.BMPSTRING, false, toBinary(Buffer.from(text, 'utf16le').swap16()));

/** A directory-string value as forge read it (raw bytes in a binary string), decoded to text. */
export function decodeDirectoryString(value: unknown, tag: unknown): string {
  const text = String(value);
  if (tag === asn1.Type.UTF8) return forge.util.decodeUtf8(text);
  if (tag === asn1.Type.BMPSTRING && text.length % 2 === 0) {
    return fromBinary(text).swap16().toString('utf16le');
  }
  return text;
}
export const explicit0 = (inner: Node): Node =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);

/** Thrown for any structural problem; callers turn it into IDENTITY_INVALID with a path. */
export class Asn1ShapeError extends Error {}

function fail(what: string): never {
  throw new Asn1ShapeError(what);
}

export function children(node: Node | undefined, what: string): Node[] {
  if (node === undefined || !Array.isArray(node.value))
    fail(`${what}: expected a constructed value`);
  return node.value as Node[];
}

export function child(node: Node | undefined, index: number, what: string): Node {
  const item = children(node, what)[index];
  if (item === undefined) fail(`${what}: element ${index} missing`);
  return item;
}

export function readOid(node: Node | undefined, what: string): string {
  if (
    node === undefined ||
    node.tagClass !== U ||
    node.type !== asn1.Type.OID ||
    typeof node.value !== 'string'
  ) {
    fail(`${what}: expected an OBJECT IDENTIFIER`);
  }
  return asn1.derToOid(node.value);
}

export function readInt(node: Node | undefined, what: string): number {
  if (node === undefined || node.type !== asn1.Type.INTEGER || typeof node.value !== 'string') {
    fail(`${what}: expected an INTEGER`);
  }
  if (node.value.length > 6) fail(`${what}: integer too large`);
  return asn1.derToInteger(node.value);
}

/** OCTET STRING content, primitive or (BER) constructed from chunks; also IMPLICIT [n] tags. */
export function readOctets(node: Node | undefined, what: string): Buffer {
  if (node === undefined) fail(`${what}: missing`);
  if (typeof node.value === 'string') return fromBinary(node.value);
  if (Array.isArray(node.value)) {
    return Buffer.concat(node.value.map((chunk) => readOctets(chunk, what)));
  }
  fail(`${what}: expected an OCTET STRING`);
}

/** The content of a context-specific [0] EXPLICIT wrapper. */
export function readExplicit0(node: Node | undefined, what: string): Node {
  if (node === undefined || node.tagClass !== asn1.Class.CONTEXT_SPECIFIC || node.type !== 0) {
    fail(`${what}: expected [0]`);
  }
  return child(node, 0, what);
}
