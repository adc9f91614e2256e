import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import {
  finishCheckpoint,
  finishRecord,
  inclusionProof,
  leafHash,
  prepareCheckpoint,
  prepareRecord,
  rootHash,
  toHex,
  type ActorRef,
  type PrevRef,
  type RecordFields,
} from '../../shared/custody';
import type { CmsSigner } from '../../shared/cms';
import {
  BAG_INFO_TXT,
  BAGIT_DECLARATION,
  BAGIT_TXT,
  certPath,
  decisionPath,
  formatBagInfo,
  formatManifest,
  MANIFEST_P7S,
  MANIFEST_TXT,
  originalPath,
  payloadOxum,
  README_TXT,
  TAG_FILES_IN_TAGMANIFEST,
  TAGMANIFEST_P7S,
  TAGMANIFEST_TXT,
  VERIFY_HTML,
  type BagInfo,
} from '../../shared/package';
import { signManifest, signPdf } from '../../electron/services/signing';
import { certDer, rsaSigner } from './custody-crypto';

/**
 * A small but complete version-1 package (shared/package/FORMAT.md), built with the real layout,
 * manifest, bag-info, custody and CMS/PDF signing code and the TEST ONLY keys of
 * tests/vectors/custody: two originals, a parse decision, events, a signed ledger with its
 * checkpoint and inclusion proofs, certificates, a signed report. Bag path → bytes.
 */
const KEYS = join(import.meta.dirname, '../vectors/custody/keys');
const pem = (name: string) => readFileSync(join(KEYS, name), 'utf8');

export const fixtureKeys = {
  caPem: pem('lab-ca.cert.pem'),
  examinerPem: pem('examiner-a.cert.pem'),
  examinerKey: pem('examiner-a.key.pem'),
  otherPem: pem('examiner-b.cert.pem'),
  otherKey: pem('examiner-b.key.pem'),
};

const enc = new TextEncoder();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

export function cmsSigner(certPem: string, keyPem: string, chainPem: string[]): CmsSigner {
  const sign = rsaSigner(keyPem);
  return {
    certificateDer: certDer(certPem),
    chainDer: chainPem.map(certDer),
    sign: (data) => sign(data),
  };
}

export interface FixtureOptions {
  /** Change bytes before they are hashed and signed (a consistent but odd package). */
  readonly tweak?: (files: Map<string, Uint8Array>) => void;
  /** Sign the manifests with another key than the examiner's in data/certs. */
  readonly manifestSigner?: CmsSigner;
  /** The manifests' CMS signingTime (default 2026-05-01T11:00:00Z). */
  readonly signingTime?: Date;
}

export const CASE_ID = '6f1c1a52-3a43-4c1e-9a57-2a0c1b7d0e11';
export const CASE_NUMBER = '2026/0417';

export async function buildPackageFiles(
  options: FixtureOptions = {},
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const caDer = certDer(fixtureKeys.caPem);
  const exDer = certDer(fixtureKeys.examinerPem);
  const actor: ActorRef = {
    name: 'Alex Tamm',
    cert: sha(exDer),
  };
  const signRecord = rsaSigner(fixtureKeys.examinerKey);

  // Originals and what was derived from them.
  const logBytes = enc.encode(
    '203.0.113.7 - - [01/May/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512\n' +
      '203.0.113.8 - - [01/May/2026:10:00:05 +0000] "GET /login HTTP/1.1" 302 0\n',
  );
  const mailBytes = enc.encode('Received: from mx.example.net\r\nSubject: hello\r\n\r\nbody\r\n');
  const logSha = sha(logBytes);
  const mailSha = sha(mailBytes);
  files.set(originalPath(logSha, 'access.log'), logBytes);
  files.set(originalPath(mailSha, 'message.eml'), mailBytes);
  const decision = enc.encode(
    JSON.stringify({
      v: 1,
      kind: 'parse',
      artefact: logSha,
      format: 'access-log',
      parserVersion: '1.0.0',
      options: {},
      decidedAt: '2026-05-01T10:20:00.000Z',
      decidedBy: { name: 'Alex Tamm', cert: actor.cert },
    }),
  );
  const decisionSha = sha(decision);
  files.set(decisionPath(decisionSha), decision);
  const events = [1, 2].map((line) => ({
    type: 'http:access',
    ts: `2026-05-01T10:00:0${line === 1 ? 0 : 5}.000Z`,
    tsRaw: `01/May/2026:10:00:0${line === 1 ? 0 : 5} +0000`,
    zone: { source: 'in-band', offset: '+00:00', name: null },
    artefact: logSha,
    locator: { line },
    clientIp: `203.0.113.${6 + line}`,
    method: 'GET',
    status: 200,
  }));
  files.set('data/events.jsonl', enc.encode(events.map((e) => `${JSON.stringify(e)}\n`).join('')));
  files.set('data/attribution.jsonl', new Uint8Array(0));
  files.set(
    'data/case.json',
    enc.encode(
      `${JSON.stringify(
        {
          format: 'sealcase/case',
          version: 1,
          id: CASE_ID,
          number: CASE_NUMBER,
          title: 'Fixture case',
          authority: null,
          examiners: [
            {
              name: 'Alex Tamm',
              org: 'Sealcase Test Lab (TEST ONLY)',
              certificateSha256: actor.cert,
            },
          ],
          created: '2026-05-01T09:00:00.000Z',
          tool: { name: 'sealcase', version: '0.0.0-test' },
        },
        null,
        2,
      )}\n`,
    ),
  );
  files.set('data/case-uco.jsonld', enc.encode('{"@context":{},"@graph":[]}\n'));
  files.set('data/timesketch.jsonl', enc.encode(''));

  // The ledger, its checkpoint and the proofs.
  const steps: RecordFields[] = [
    rec('case.created', '2026-05-01T09:00:00.000Z', {}, { caseId: CASE_ID }),
    rec(
      'artefact.acquired',
      '2026-05-01T09:10:00.000Z',
      { artefacts: [logSha] },
      { name: 'access.log' },
    ),
    rec(
      'artefact.acquired',
      '2026-05-01T09:11:00.000Z',
      { artefacts: [mailSha] },
      { name: 'message.eml' },
    ),
    rec('analysis.recorded', '2026-05-01T10:20:00.000Z', {}, { sha256: decisionSha, file: 'x' }),
  ];
  function rec(
    action: RecordFields['action'],
    at: string,
    subject: RecordFields['subject'],
    details: Record<string, unknown>,
  ): RecordFields {
    return {
      at,
      actor,
      action,
      subject,
      reason: `fixture ${action}`,
      details,
      tool: { sealcase: '0.0.0-test' },
    };
  }
  let prev: PrevRef | null = null;
  let ledger = '';
  const hashes: string[] = [];
  for (const f of steps) {
    const prepared = await prepareRecord(prev, f, sha256);
    ledger += finishRecord(prepared, signRecord(prepared.toBeSigned)).line;
    hashes.push(prepared.hash);
    prev = { seq: hashes.length - 1, hash: prepared.hash };
  }
  const leaves = await Promise.all(hashes.map((h) => leafHash(sha256, Buffer.from(h, 'hex'))));
  const root = toHex(await rootHash(sha256, leaves));
  const cpPrepared = await prepareCheckpoint(
    { size: hashes.length, root, at: '2026-05-01T11:00:00.000Z', actor },
    sha256,
  );
  const checkpoint = finishCheckpoint(cpPrepared, signRecord(cpPrepared.toBeSigned));
  files.set('data/custody/ledger.jsonl', enc.encode(ledger));
  files.set('data/custody/checkpoint.json', enc.encode(checkpoint.text));
  const inclusion = [];
  for (let i = 0; i < hashes.length; i++) {
    inclusion.push({
      seq: i,
      record: hashes[i]!,
      path: (await inclusionProof(sha256, leaves, i)).map(toHex),
    });
  }
  files.set(
    'data/custody/proofs.json',
    enc.encode(
      `${JSON.stringify({
        v: 1,
        checkpoint: { size: hashes.length, root, hash: cpPrepared.hash },
        inclusion,
        consistency: null,
      })}\n`,
    ),
  );

  // Certificates.
  const certs = [
    { der: caDer, pem: fixtureKeys.caPem, role: 'lab-ca', anchor: true },
    { der: exDer, pem: fixtureKeys.examinerPem, role: 'examiner', anchor: false },
  ].map((c) => ({
    ...c,
    sha256: sha(c.der),
    subject: new X509Certificate(c.der).subject.replace(/\n/g, ', '),
  }));
  certs.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  for (const c of certs) {
    files.set(certPath(c.sha256, 'der'), c.der);
    files.set(certPath(c.sha256, 'pem'), enc.encode(new X509Certificate(c.der).toString()));
  }
  files.set(
    'data/certs/index.json',
    enc.encode(
      `${JSON.stringify({
        v: 1,
        certs: certs.map((c) => ({
          sha256: c.sha256,
          role: c.role,
          anchor: c.anchor,
          subject: c.subject,
        })),
      })}\n`,
    ),
  );

  // The signed report.
  const signer = cmsSigner(fixtureKeys.examinerPem, fixtureKeys.examinerKey, [fixtureKeys.caPem]);
  const doc = await PDFDocument.create();
  doc
    .addPage([595, 842])
    .drawText(`Case ${CASE_NUMBER} — fixture report`, { x: 50, y: 780, size: 14 });
  files.set(
    'data/report.pdf',
    await signPdf(doc, signer, {
      reason: 'Fixture report',
      location: 'Test Lab',
      name: 'Alex Tamm',
      contactInfo: 'lab@example.test',
      signingTime: new Date('2026-05-01T11:00:00.000Z'),
    }),
  );

  options.tweak?.(files);

  // Manifests, bag-info, tag files, signatures.
  const payload = [...files].filter(([p]) => p.startsWith('data/'));
  const manifest = enc.encode(
    formatManifest(payload.map(([path, b]) => ({ path, sha256: sha(b) }))),
  );
  const info: BagInfo = {
    'Bagging-Date': '2026-05-01',
    'Payload-Oxum': payloadOxum(
      payload.reduce((n, [, b]) => n + b.length, 0),
      payload.length,
    ),
    'External-Identifier': 'urn:uuid:0b6c7a4e-6f0e-4b9a-8d3c-1f2e3d4c5b6a',
    'Source-Organization': 'Sealcase Test Lab (TEST ONLY)',
    'Contact-Name': 'Alex Tamm',
    'External-Description': `Sealcase evidence package for case ${CASE_NUMBER}`,
    'Bag-Software-Agent': 'Sealcase 0.0.0-test',
    'Sealcase-Package-Version': '1',
    'Sealcase-Case-Number': CASE_NUMBER,
    'Sealcase-Case-Id': CASE_ID,
    'Sealcase-Tool-Version': '0.0.0-test',
    'Sealcase-Redaction': 'none',
    'Sealcase-Ledger-Size': String(hashes.length),
    'Sealcase-Checkpoint-Root': root,
  };
  const manifestSigner = options.manifestSigner ?? signer;
  const signingTime = options.signingTime ?? new Date('2026-05-01T11:00:00.000Z');
  files.set(BAGIT_TXT, enc.encode(BAGIT_DECLARATION));
  files.set(BAG_INFO_TXT, enc.encode(formatBagInfo(info)));
  files.set(MANIFEST_TXT, manifest);
  files.set(MANIFEST_P7S, await signManifest(manifest, manifestSigner, { signingTime }));
  files.set(README_TXT, enc.encode('Fixture package.\n'));
  files.set(VERIFY_HTML, enc.encode('<!doctype html><title>verify</title>\n'));
  const tagManifest = enc.encode(
    formatManifest(
      TAG_FILES_IN_TAGMANIFEST.map((path) => ({ path, sha256: sha(files.get(path)!) })),
    ),
  );
  files.set(TAGMANIFEST_TXT, tagManifest);
  files.set(TAGMANIFEST_P7S, await signManifest(tagManifest, manifestSigner, { signingTime }));
  return files;
}

export async function writePackageFolder(
  dir: string,
  files: Map<string, Uint8Array>,
): Promise<void> {
  for (const [path, bytes] of files) {
    const full = join(dir, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, bytes);
  }
}

/** The zip form (FORMAT.md §8): one top folder; originals and the report stored, text deflated. */
export function zipPackageFiles(files: Map<string, Uint8Array>, top = 'package'): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of files) {
    const stored =
      path.startsWith('data/originals/') || path.endsWith('.pdf') || path.endsWith('.p7s');
    tree[`${top}/${path}`] = [bytes, { level: stored ? 0 : 6 }];
  }
  return zipSync(tree);
}
