import { createHash } from 'node:crypto';
import type { VerifiedRecord } from '../../../../shared/custody';
import type { CaseUcoInput } from '../../../../shared/interchange';
import type { ArtefactRecord, CaseFile, SealcaseEvent } from '../../../../shared/model';

/** Node's SHA-256 as the injected digest. */
export const sha256 = (data: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());

const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export const CERT_A = hex('examiner A certificate');
export const CERT_B = hex('examiner B certificate');
const EXAMINER_A = { name: 'Anna Examiner', cert: CERT_A };
const EXAMINER_B = { name: 'Bruno Receiver', cert: CERT_B };

/** Two small originals (their bytes are these texts; digests computed, not typed). */
export const ORIGINALS = {
  mail: 'Received: from mx.example.net\r\n\r\nhello\r\n',
  radius: 'Tue Mar  4 10:00:00 2025\n\tUser-Name = "alice"\n',
} as const;

const caseFile: CaseFile = {
  format: 'sealcase/case',
  version: 1,
  id: '6f0c1c1e-3c7a-4c55-9b4e-2d9a8f1e0a11',
  number: '2026/0417',
  title: 'Webmail login behind CGN',
  authority: 'Production order 17/2026, District Court',
  examiners: [{ name: 'Anna Examiner', org: 'Lab One', certificateSha256: CERT_A }],
  created: '2026-03-01T09:00:00.000Z',
  tool: { name: 'sealcase', version: '0.9.0' },
};

function fileArtefact(id: string, name: keyof typeof ORIGINALS, at: string): ArtefactRecord {
  const text = ORIGINALS[name];
  const sha = hex(text);
  return {
    format: 'sealcase/artefact',
    version: 1,
    id,
    intakeId: '0b7d3c3e-1111-4a2b-8c3d-000000000001',
    original: {
      path: `/evidence/${name}.txt`,
      name: `${name}.txt`,
      input: `/evidence/${name}.txt`,
      relativePath: '',
      mtime: '2026-02-28T12:00:00.000Z',
    },
    acquiredBy: 'Anna Examiner',
    acquiredAt: at,
    receivedFrom: name === 'radius' ? 'ISP reply via LE portal, ref 123' : null,
    source: 'USB stick exhibit AE/1',
    method: 'logical-file-copy',
    note: null,
    tool: { name: 'sealcase', version: '0.9.0' },
    entry: 'file',
    size: text.length,
    digests: { md5: md5(text), sha1: sha1(text), sha256: sha },
    blob: `vault/sha256/${sha.slice(0, 2)}/${sha}`,
    contentKind: name === 'mail' ? 'email' : 'radius-detail',
  };
}

const mail = fileArtefact(
  'a1a1a1a1-0000-4000-8000-000000000001',
  'mail',
  '2026-03-01T09:10:00.000Z',
);
const radius = fileArtefact(
  'a2a2a2a2-0000-4000-8000-000000000002',
  'radius',
  '2026-03-01T09:11:00.000Z',
);
const link: ArtefactRecord = {
  ...mail,
  id: 'a3a3a3a3-0000-4000-8000-000000000003',
  original: { ...mail.original, path: '/evidence/latest', name: 'latest' },
  entry: 'symlink',
  target: 'mail.txt',
} as unknown as ArtefactRecord;
delete (link as Record<string, unknown>)['size'];
delete (link as Record<string, unknown>)['digests'];
delete (link as Record<string, unknown>)['blob'];
delete (link as Record<string, unknown>)['contentKind'];

export const ARTEFACTS = { mail, radius };

const tool = { sealcase: '0.9.0' };
let seq = 0;
function rec(
  action: VerifiedRecord['record']['action'],
  actor: { name: string; cert: string },
  at: string,
  extra: Partial<VerifiedRecord['record']>,
): VerifiedRecord {
  const s = seq++;
  return {
    seq: s,
    hash: hex(`record ${s}`),
    record: {
      v: 1,
      seq: s,
      prev: s === 0 ? '0'.repeat(64) : hex(`record ${s - 1}`),
      at,
      actor,
      action,
      subject: {},
      reason: action,
      details: {},
      tool,
      sig: 'AAAA',
      ...extra,
    },
  };
}

const PARSE_SHA = hex('parse decision');
const ATTR_SHA = hex('attribution decision');

const ledger: VerifiedRecord[] = [
  rec('case.created', EXAMINER_A, '2026-03-01T09:00:00.000Z', {}),
  rec('artefact.acquired', EXAMINER_A, '2026-03-01T09:10:01.000Z', {
    subject: { artefacts: [mail.entry === 'file' ? mail.digests.sha256 : ''] },
    details: { artefact: mail },
  }),
  rec('artefact.acquired', EXAMINER_A, '2026-03-01T09:11:02.000Z', {
    subject: { artefacts: [radius.entry === 'file' ? radius.digests.sha256 : ''] },
    details: { artefact: radius },
  }),
  rec('analysis.recorded', EXAMINER_A, '2026-03-01T10:00:00.000Z', {
    details: { sha256: PARSE_SHA },
    tool: { sealcase: '0.9.1', parser: '1.2.0' },
  }),
];
const transfer = rec('custody.transferred', EXAMINER_A, '2026-03-02T08:00:00.000Z', {
  reason: 'handover to the receiving lab',
  details: { to: EXAMINER_B },
});
ledger.push(
  transfer,
  rec('custody.accepted', EXAMINER_B, '2026-03-02T09:00:00.000Z', {
    details: { transfer: transfer.hash },
  }),
  rec('artefact.verified', EXAMINER_B, '2026-03-02T09:05:00.000Z', {
    subject: { artefacts: [radius.entry === 'file' ? radius.digests.sha256 : ''] },
    reason: 'blob re-hashed on receipt',
  }),
);

const decidedBy = { name: 'Anna Examiner', cert: CERT_A };
const radiusSha = radius.entry === 'file' ? radius.digests.sha256 : '';

export function caseUcoInput(): CaseUcoInput {
  return {
    caseFile,
    artefacts: [mail, radius, link],
    ledger,
    decisions: [
      {
        sha256: PARSE_SHA,
        decision: {
          v: 1,
          kind: 'parse',
          artefact: radiusSha,
          format: 'radius-detail',
          parserVersion: '1.2.0',
          options: { assumeZone: 'Europe/Tallinn' },
          decidedAt: '2026-03-01T10:00:00.000Z',
          decidedBy,
        },
      },
      {
        sha256: ATTR_SHA,
        decision: {
          v: 1,
          kind: 'attribution',
          observationsCsv: 'ip,port,time\n203.0.113.7,40001,2025-03-04T08:00:05Z\n',
          observationArtefacts: [],
          records: [
            {
              artefact: radiusSha,
              format: 'radius-detail',
              parserVersion: '1.2.0',
              options: {},
              decision: PARSE_SHA,
            },
          ],
          toleranceSeconds: 2,
          engineVersion: '1.0.0',
          resultsSha256: hex('results'),
          results: 1,
          statusCounts: { unique: 1 },
          decidedAt: '2026-03-01T11:00:00.000Z',
          decidedBy,
        },
      },
    ],
    toolVersion: '0.9.2',
    export: {
      packageId: 'SC-2026-0417-001',
      createdAt: '2026-03-03T12:00:00.000Z',
      by: EXAMINER_B,
    },
  };
}

const zone = { source: 'in-band', offset: '+00:00', name: null } as const;
const art = hex(ORIGINALS.mail);

/** One event of every type of DESIGN.md. */
export const EVENTS_OF_EVERY_TYPE: SealcaseEvent[] = [
  {
    type: 'http:access',
    ts: '2025-03-04T08:00:05.000Z',
    tsRaw: '04/Mar/2025:08:00:05 +0000',
    zone,
    artefact: art,
    locator: { line: 3 },
    clientIp: '203.0.113.7',
    clientPort: 40001,
    method: 'POST',
    path: '/login',
    status: 302,
    bytes: 120,
    userAgent: 'Mozilla/5.0',
    user: 'alice@example.org',
  },
  {
    type: 'ssh:auth',
    ts: '2025-03-04T08:01:00.000Z',
    tsRaw: 'Mar  4 08:01:00',
    zone,
    artefact: art,
    locator: { line: 4 },
    clientIp: '198.51.100.9',
    clientPort: 52000,
    user: 'root',
    outcome: 'failed',
  },
  {
    type: 'email:message',
    ts: '2025-03-04T08:02:00.000Z',
    tsRaw: 'Tue, 4 Mar 2025 08:02:00 +0000',
    zone,
    artefact: art,
    locator: { header: 'Date', index: 1, line: 7 },
    messageId: '<m1@example.org>',
    date: '2025-03-04T08:02:00.000Z',
    from: 'alice@example.org',
    to: ['bob@example.net', 'carol@example.net'],
    subject: 'Invoice',
    originatingIp: '203.0.113.7',
  },
  {
    type: 'email:received',
    ts: '2025-03-04T08:02:01.000Z',
    tsRaw: 'Tue, 4 Mar 2025 08:02:01 +0000',
    zone,
    artefact: art,
    locator: { header: 'Received', index: 2, line: 3 },
    hop: 1,
    fromHelo: 'laptop',
    fromRdns: 'cgn-7.isp.example',
    fromIp: '203.0.113.7',
    byHost: 'mx.example.net',
    with: 'ESMTPSA',
    id: 'abc123',
    for: 'bob@example.net',
    delaySeconds: null,
  },
  {
    type: 'nat:session',
    ts: '2025-03-04T08:00:04.000Z',
    tsRaw: '1741075204',
    zone: { source: 'epoch', offset: null, name: null },
    artefact: art,
    locator: { offset: 4096 },
    event: 'create',
    protocol: 'tcp',
    insideIp: '100.64.1.2',
    insidePort: 51000,
    outsideIp: '203.0.113.7',
    outsidePort: 40001,
    destIp: '192.0.2.10',
    destPort: 443,
    vrf: 'inside',
  },
  {
    type: 'nat:portblock',
    ts: '2025-03-04T07:00:00.000Z',
    tsRaw: '2025-03-04 09:00:00',
    zone: { source: 'declared', offset: '+02:00', name: 'Europe/Tallinn' },
    artefact: art,
    locator: { line: 9 },
    event: 'allocate',
    insideIp: '100.64.1.2',
    outsideIp: '203.0.113.7',
    portStart: 40000,
    portEnd: 40999,
    extra: { natEvent: 3, 'odd key': 'x', _id: 'y' },
  },
  {
    type: 'aaa:session',
    ts: '2025-03-04T06:00:00.000Z',
    tsRaw: 'Tue Mar  4 06:00:00 2025',
    zone,
    artefact: art,
    locator: { line: 1 },
    event: 'start',
    user: 'alice',
    framedIp: '100.64.1.2',
    sessionId: 'S1',
    nas: 'bng1',
    callingStationId: '00-11-22-33-44-55',
  },
  {
    type: 'dhcp:lease',
    ts: '2025-03-04T05:00:00.000Z',
    tsRaw: '2025/03/04 05:00:00',
    zone,
    artefact: art,
    locator: { line: 12 },
    ip: '192.168.1.20',
    mac: '00:11:22:33:44:55',
    hostname: 'alice-laptop',
    start: '2025-03-04T05:00:00.000Z',
    end: null,
    state: 'active',
  },
  {
    type: 'isp:assignment',
    ts: '2025-03-04T00:00:00.000Z',
    tsRaw: '2025-03-04 00:00',
    zone,
    artefact: art,
    locator: { sheet: 'Reply', row: 2, column: 'A' },
    ip: '203.0.113.7',
    portStart: 40000,
    portEnd: 40999,
    start: '2025-03-04T00:00:00.000Z',
    end: null,
    subscriber: 'ACC-001',
    identity: { Name: 'Alice Example', Address: '1 Main St' },
  },
];
