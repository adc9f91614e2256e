#!/usr/bin/env node
// Generates the golden custody-ledger vectors in this folder. TEST ONLY.
//
// This is a second, independent implementation of shared/custody/FORMAT.md written only with
// node:crypto, canonicalize and node-forge (it does not import shared/custody): the unit tests
// check that the TypeScript code reproduces these bytes exactly, so the format is pinned by two
// implementations and by the committed files.
//
//   node tests/vectors/custody/make-vectors.mjs
//
// Keys are generated once (RSA-3072) and committed under keys/; re-running with the committed
// keys reproduces every file byte for byte (RSASSA-PKCS1-v1_5 signatures are deterministic).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import canonicalize from 'canonicalize';
import forge from 'node-forge';

const here = dirname(fileURLToPath(import.meta.url));
const keysDir = join(here, 'keys');
const caseDir = join(here, 'case');
mkdirSync(keysDir, { recursive: true });
mkdirSync(join(caseDir, 'checkpoints'), { recursive: true });

const TEST_ONLY = '# TEST ONLY - published test key of the Sealcase custody vectors. Never trust it.\n';

function keyPem(name) {
  const file = join(keysDir, `${name}.key.pem`);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 65537 });
    writeFileSync(file, TEST_ONLY + privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  return readFileSync(file, 'utf8');
}

function forgeName(cn) {
  return [
    { shortName: 'CN', value: cn, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: 'Sealcase Test Lab (TEST ONLY)', valueTagClass: forge.asn1.Type.UTF8 },
  ];
}

/** A certificate built and signed with node-forge: fixed serial and validity, so reproducible. */
function certificate({ subjectKeyPem, subject, issuer, issuerKeyPem, serial, ca }) {
  const pub = createPublicKey(createPrivateKey(subjectKeyPem)).export({ type: 'spki', format: 'pem' });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pub);
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  cert.setSubject(forgeName(subject));
  cert.setIssuer(forgeName(issuer));
  const ext = [
    { name: 'basicConstraints', cA: ca, critical: true },
    ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  cert.setExtensions(ext);
  const issuerKey = forge.pki.privateKeyFromPem(createPrivateKey(issuerKeyPem).export({ type: 'pkcs1', format: 'pem' }));
  cert.sign(issuerKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { pem: TEST_ONLY + pem, der };
}

const caKey = keyPem('lab-ca');
const aKey = keyPem('examiner-a');
const bKey = keyPem('examiner-b');
const ca = certificate({ subjectKeyPem: caKey, subject: 'Sealcase Test Lab CA', issuer: 'Sealcase Test Lab CA', issuerKeyPem: caKey, serial: '01', ca: true });
const certA = certificate({ subjectKeyPem: aKey, subject: 'Alex Tamm', issuer: 'Sealcase Test Lab CA', issuerKeyPem: caKey, serial: '0a', ca: false });
const certB = certificate({ subjectKeyPem: bKey, subject: 'Bea Õunapuu', issuer: 'Sealcase Test Lab CA', issuerKeyPem: caKey, serial: '0b', ca: false });
writeFileSync(join(keysDir, 'lab-ca.cert.pem'), ca.pem);
writeFileSync(join(keysDir, 'examiner-a.cert.pem'), certA.pem);
writeFileSync(join(keysDir, 'examiner-b.cert.pem'), certB.pem);

// ---- The format, from FORMAT.md -------------------------------------------------------------
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const RECORD_PREFIX = Buffer.from('sealcase/ledger/v1 record\0', 'utf8');
const CHECKPOINT_PREFIX = Buffer.from('sealcase/ledger/v1 checkpoint\0', 'utf8');
const leaf = (recordHash) => sha256([0x00], recordHash);
const node = (l, r) => sha256([0x01], l, r);
function mth(leaves) {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const actorA = { name: 'Alex Tamm', cert: sha256(certA.der).toString('hex') };
const actorB = { name: 'Bea Õunapuu', cert: sha256(certB.der).toString('hex') };
const keyOf = (actor) => (actor === actorA ? aKey : bKey);
const tool = { sealcase: '0.1.0' };

const lines = [];
const expected = [];
let prev = '0'.repeat(64);

function append(fields) {
  const seq = lines.length;
  const unsigned = { v: 1, seq, prev, ...fields, tool: fields.tool ?? tool };
  const tbs = Buffer.concat([RECORD_PREFIX, Buffer.from(canonicalize(unsigned), 'utf8')]);
  const hash = sha256(tbs);
  const sig = sign('sha256', tbs, createPrivateKey(keyOf(fields.actor))).toString('base64');
  lines.push(`${canonicalize({ ...unsigned, sig })}\n`);
  expected.push({ seq, action: fields.action, hash: hash.toString('hex'), leaf: leaf(hash).toString('hex') });
  prev = hash.toString('hex');
  return prev;
}

function checkpoint(size, at, actor) {
  const leaves = expected.slice(0, size).map((e) => Buffer.from(e.leaf, 'hex'));
  const unsigned = { v: 1, size, root: mth(leaves).toString('hex'), at, actor };
  const tbs = Buffer.concat([CHECKPOINT_PREFIX, Buffer.from(canonicalize(unsigned), 'utf8')]);
  const sig = sign('sha256', tbs, createPrivateKey(keyOf(actor))).toString('base64');
  const text = `${canonicalize({ ...unsigned, sig })}\n`;
  writeFileSync(join(caseDir, 'checkpoints', `${String(size).padStart(8, '0')}.json`), text);
  return { size, root: unsigned.root, hash: sha256(tbs).toString('hex') };
}

const evidence = Buffer.from('203.0.113.7 - - [02/Mar/2026:08:59:59 +0200] "GET / HTTP/1.1" 200 512\n', 'utf8');
const artefact = sha256(evidence).toString('hex');
const decision = sha256(Buffer.from('{"zone":"Europe/Tallinn"}\n', 'utf8')).toString('hex');

append({
  at: '2026-03-02T09:00:00.000Z',
  actor: actorA,
  action: 'case.created',
  subject: { ids: ['0c5e1d7a-2b1f-4c3e-9a7d-5f6b8e9d0a11'] },
  reason: 'Case opened under production order PO-2026/0417',
  details: { case: { id: '0c5e1d7a-2b1f-4c3e-9a7d-5f6b8e9d0a11', number: '2026/0417', title: 'Test case' } },
});
append({
  at: '2026-03-02T09:01:00.000Z',
  actor: actorA,
  action: 'examiner.added',
  subject: { ids: [actorB.cert] },
  reason: 'Second examiner for the analysis',
  details: { examiner: actorB },
});
append({
  at: '2026-03-02T09:05:30.250Z',
  actor: actorA,
  action: 'artefact.acquired',
  subject: { artefacts: [artefact] },
  reason: 'ISP access log received on USB stick, sealed bag 17',
  details: { name: 'access.log', bytes: evidence.length, receivedFrom: 'ISP Näide AS', source: 'USB stick, bag 17' },
});
append({
  at: '2026-03-02T09:06:00.000Z',
  actor: actorA,
  action: 'artefact.verified',
  subject: { artefacts: [artefact] },
  reason: 'Re-hash after storing',
  details: { result: 'match' },
});
const transfer = append({
  at: '2026-03-02T12:00:00.000Z',
  actor: actorA,
  action: 'custody.transferred',
  subject: { artefacts: [artefact] },
  reason: 'Übergabe: end of shift',
  details: { to: actorB },
});
append({
  at: '2026-03-02T12:03:10.000Z',
  actor: actorB,
  action: 'custody.accepted',
  subject: { artefacts: [artefact] },
  reason: 'Received, seal intact',
  details: { transfer },
});
append({
  at: '2026-03-02T13:30:00.000Z',
  actor: actorB,
  action: 'analysis.recorded',
  subject: { artefacts: [artefact] },
  reason: 'Zone of access.log declared: server in Tallinn',
  details: { file: 'analysis/zones-0001.json', sha256: decision },
  tool: { sealcase: '0.1.0', parser: 'http:access@1' },
});
const cp7 = checkpoint(7, '2026-03-02T13:31:00.000Z', actorB);
append({
  at: '2026-03-02T13:31:00.000Z',
  actor: actorB,
  action: 'checkpoint.signed',
  subject: {},
  reason: 'Checkpoint after analysis',
  details: { size: cp7.size, root: cp7.root, checkpoint: cp7.hash },
});
const cp8 = checkpoint(8, '2026-03-02T13:32:00.000Z', actorB);

writeFileSync(join(caseDir, 'ledger.jsonl'), lines.join(''));
writeFileSync(
  join(here, 'expected.json'),
  `${JSON.stringify(
    {
      note: 'TEST ONLY. Generated by make-vectors.mjs; see README.md.',
      certificates: {
        'lab-ca': sha256(ca.der).toString('hex'),
        'examiner-a': actorA.cert,
        'examiner-b': actorB.cert,
      },
      records: expected,
      checkpoints: [cp7, cp8],
      root: mth(expected.map((e) => Buffer.from(e.leaf, 'hex'))).toString('hex'),
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${lines.length} records, 2 checkpoints, root ${cp8.root}`);
