import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LedgerRecord } from '../../../../shared/custody';
import type { SealcaseEvent } from '../../../../shared/model';
import type { ReportFonts, ReportInputData } from '../../../../shared/report';

/**
 * A demo-like report input, built by hand (no network, no randomness): a CGN case with Cyrillic
 * and Greek names, full IPv6 addresses, 64-hex hashes everywhere, and `eventCount` events so the
 * timeline spans several pages. The digests are synthetic (not of real files): the report only
 * lays them out.
 */
const hex = (seed: number, length: number): string => {
  let out = '';
  let x = Math.imul(seed + 1, 0x9e3779b1) >>> 0 || 1;
  while (out.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += ((x >>> 7) & 15).toString(16);
  }
  return out;
};

const CERT = hex(1, 64);
const ACTOR = { name: 'Олена Коваленко', cert: CERT };
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

export const ARTEFACTS = [
  { name: 'message-from-webmail.eml', kind: 'email', size: 18_233 },
  { name: 'webmail-access_2026-02.log', kind: 'access-log', size: 4_832_112 },
  { name: 'cgn-portblocks-nat44-gw1.example.net.log', kind: 'nat-log', size: 92_003_221 },
  { name: 'radius-detail-Ιανουάριος.txt', kind: 'radius-detail', size: 1_204 },
  { name: 'ответ_провайдера_2026-0417.xlsx', kind: 'xlsx', size: 20_480 },
].map((a, i) => ({
  ...a,
  md5: hex(10 + i, 32),
  sha1: hex(20 + i, 40),
  sha256: hex(30 + i, 64),
  acquiredAt: iso(T0 + i * 60_000),
  acquiredBy: 'Олена Коваленко',
  receivedFrom:
    i === 4
      ? 'ISP reply from Ελληνική Τηλεπικοινωνίες via law-enforcement portal, reference ΑΠ-2026/118'
      : 'Complainant, USB stick sealed in bag 0042',
  source: i === 2 ? 'CGN gateway gw1.example.net, export of /var/log/nat/portblocks' : null,
  method: 'logical-file-copy',
  note: i === 1 ? 'Server clock known to run 30 s behind (see clock corrections).' : null,
}));

function record(
  seq: number,
  action: LedgerRecord['action'],
  extra: Partial<LedgerRecord>,
): LedgerRecord {
  return {
    v: 1,
    seq,
    prev: hex(100 + seq, 64),
    at: iso(T0 + seq * 61_000),
    actor: ACTOR,
    action,
    subject: {},
    reason: 'Routine step',
    details: {},
    tool: { sealcase: '0.1.0' },
    sig: 'QUJDRA==',
    ...extra,
  };
}

export function ledger(): LedgerRecord[] {
  const records: LedgerRecord[] = [
    record(0, 'case.created', {
      reason: 'Case opened on production order ПО-17/2026',
      details: { number: '2026/0417' },
    }),
    record(1, 'examiner.added', { details: { examiner: ACTOR } }),
    ...ARTEFACTS.map((a, i) =>
      record(2 + i, 'artefact.acquired', {
        subject: { artefacts: [a.sha256] },
        reason: `Acquired ${a.name} as received`,
        details: { name: a.name, size: a.size, sha256: a.sha256 },
      }),
    ),
    record(7, 'analysis.recorded', {
      subject: { artefacts: [ARTEFACTS[1]!.sha256] },
      reason: 'Clock correction: server ran 30 s behind NTP per the operator’s letter',
      details: { sha256: hex(77, 64), kind: 'clock-correction' },
    }),
    record(8, 'checkpoint.signed', {
      reason: 'Checkpoint before export',
      details: { size: 8, root: hex(88, 64), checkpoint: hex(89, 64) },
    }),
  ];
  return records;
}

const V6 = [
  '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
  '2001:db8:ffff:ffff:ffff:ffff:ffff:fffe',
  '2a02:0c7f:d0a4:7a00:1d2e:3f4a:5b6c:7d8e',
];

export function events(count: number): SealcaseEvent[] {
  const out: SealcaseEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t = T0 - 86_400_000 + i * 37_000;
    const artefact = ARTEFACTS[i % 3 === 0 ? 2 : 1]!.sha256;
    if (i % 3 === 0) {
      out.push({
        type: 'nat:portblock',
        ts: iso(t),
        tsRaw: `Mar  1 ${iso(t + 7_200_000).slice(11, 19)}`,
        zone: { source: 'declared', offset: '+02:00', name: 'Europe/Athens' },
        artefact,
        locator: { line: 100 + i },
        event: i % 2 === 0 ? 'allocate' : 'release',
        insideIp: `100.64.${i % 7}.${(i * 13) % 250}`,
        outsideIp: '203.0.113.77',
        portStart: 2048 + (i % 10) * 512,
        portEnd: 2048 + (i % 10) * 512 + 511,
      });
    } else {
      out.push({
        type: 'http:access',
        ts: i % 50 === 7 ? null : iso(t),
        tsRaw:
          i % 50 === 7
            ? '01/Mar/2026:10:00:07'
            : `01/Mar/2026:${iso(t + 7_200_000).slice(11, 19)} +0200`,
        zone:
          i % 50 === 7
            ? { source: 'unknown', offset: null, name: null }
            : { source: 'in-band', offset: '+02:00', name: null },
        artefact,
        locator: { line: 1 + i },
        clientIp: V6[i % 3]!,
        ...(i % 4 === 0 ? {} : { clientPort: 40_000 + i }),
        method: 'POST',
        path: i % 5 === 0 ? `/mail/compose?draft=${hex(i, 64)}&folder=Входящие` : '/mail/send',
        status: 200,
        user: i % 2 === 0 ? 'δημήτρης.παπαδόπουλος' : 'anna.ivanova',
      });
    }
  }
  return out;
}

export function reportInput(eventCount = 200): ReportInputData {
  const evs = events(eventCount);
  return {
    v: 1,
    case: {
      number: '2026/0417',
      title: 'Harassment by email — Дело о преследовании (Υπόθεση παρενόχλησης)',
      authority:
        'Production order ПО-17/2026 issued by Judge Αικατερίνη Νικολάου, Athens court of first instance, 2026-02-20',
      created: iso(T0),
      caseId: '7f1d6c1e-2a49-4c4b-9d7e-3c5a1f0b9e21',
    },
    examiner: {
      name: 'Олена Коваленко',
      org: 'Regional Digital Forensics Lab',
      subject: 'CN=Олена Коваленко, O=Regional Digital Forensics Lab, C=GR',
      certSha256: CERT,
    },
    packageId: 'sealcase-2026-0417-20260302T090000Z',
    generatedAt: '2026-03-02T09:00:00.000Z',
    artefacts: ARTEFACTS.map((a) => ({ ...a })),
    custody: {
      records: ledger(),
      checkpoint: {
        size: 9,
        root: hex(99, 64),
        signedAt: iso(T0 + 9 * 61_000),
        signer: 'Олена Коваленко, Regional Digital Forensics Lab',
        signerCert: CERT,
      },
    },
    timeline: {
      selection: { mode: 'all', statement: 'all events of artefacts A2 and A3' },
      events: evs,
      notes: [{ event: 4, text: 'First login from the address in the complaint — Πρώτη σύνδεση' }],
    },
    emails: [
      {
        subject: 'Ты меня не найдёшь / Δεν θα με βρεις',
        messageId: `<${hex(5, 24)}@mail.example.org>`,
        artefact: ARTEFACTS[0]!.sha256,
        hops: [
          {
            hop: 1,
            helo: '[2001:0db8:85a3:0000:0000:8a2e:0370:7334]',
            rdns: null,
            ip: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
            by: 'webmail-frontend-01.mail.example.org',
            with: 'HTTP',
            time: '2026-03-01T10:15:02.000Z',
            timeRaw: 'Sun, 1 Mar 2026 12:15:02 +0200',
            delaySeconds: null,
            flags: ['documentation-ip'],
          },
          {
            hop: 2,
            helo: 'webmail-frontend-01.mail.example.org',
            rdns: 'webmail-frontend-01.mail.example.org',
            ip: '198.51.100.23',
            by: 'mx-out-3.mail.example.org',
            with: 'ESMTPSA',
            time: '2026-03-01T10:14:58.000Z',
            timeRaw: 'Sun, 01 Mar 2026 10:14:58 +0000 (UTC)',
            delaySeconds: -4,
            flags: ['negative-delay'],
          },
          {
            hop: 3,
            helo: 'mx-out-3.mail.example.org',
            rdns: 'mx-out-3.mail.example.org',
            ip: '203.0.113.5',
            by: 'mx1.victim-provider.example',
            with: 'ESMTPS',
            time: '2026-03-01T10:15:09.000Z',
            timeRaw: 'Sun, 1 Mar 2026 11:15:09 +0100',
            delaySeconds: 11,
            flags: [],
          },
        ],
      },
    ],
    attribution: [
      {
        observation: {
          ip: '203.0.113.77',
          port: 41_234,
          ts: '2026-03-01T10:15:00.000Z',
          source: 'http:access',
          artefact: ARTEFACTS[1]!.sha256,
          locator: { line: 812 },
          zoneSource: 'in-band',
        },
        status: 'unique',
        subscribers: ['acc-ΑΘΗ-000918 (Δημήτρης Παπαδόπουλος)'],
        path: [
          {
            kind: 'nat-portblock',
            depth: 0,
            parent: null,
            from: { ip: '203.0.113.77', port: 41_234 },
            to: { ip: '100.64.3.17', portStart: 40_960, portEnd: 41_471 },
            artefact: ARTEFACTS[2]!.sha256,
            locator: { line: 5_532 },
            records: [
              {
                role: 'start',
                artefact: ARTEFACTS[2]!.sha256,
                locator: { line: 5_532 },
                ts: '2026-03-01T09:58:11.000Z',
              },
              {
                role: 'end',
                artefact: ARTEFACTS[2]!.sha256,
                locator: { line: 7_010 },
                ts: '2026-03-01T11:02:40.000Z',
              },
            ],
            interval: {
              start: '2026-03-01T09:58:11.000Z',
              end: '2026-03-01T11:02:40.000Z',
              startInferred: false,
              endInferred: false,
            },
          },
          {
            kind: 'aaa-session',
            depth: 1,
            parent: 0,
            from: { ip: '100.64.3.17' },
            to: { account: 'acc-ΑΘΗ-000918 (Δημήτρης Παπαδόπουλος)', accountField: 'user' },
            artefact: ARTEFACTS[3]!.sha256,
            locator: { line: 44 },
            records: [
              {
                role: 'start',
                artefact: ARTEFACTS[3]!.sha256,
                locator: { line: 44 },
                ts: '2026-03-01T07:00:00.000Z',
              },
            ],
            interval: {
              start: '2026-03-01T07:00:00.000Z',
              end: null,
              startInferred: false,
              endInferred: true,
            },
          },
        ],
        sharedBy: null,
        reasons: [
          {
            code: 'END_INFERRED',
            message: 'The RADIUS session has no stop record; its end was taken as open.',
          },
        ],
        caveat: 'This names an account holder, not a person.',
        window: { start: '2026-03-01T10:14:58.000Z', end: '2026-03-01T10:15:02.000Z' },
      },
      {
        observation: {
          ip: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
          ts: '2026-03-01T10:15:02.000Z',
          source: 'email:received',
        },
        status: 'no-coverage',
        subscribers: [],
        path: [],
        sharedBy: null,
        reasons: [{ code: 'NO_RECORDS', message: 'No record covers this address at that time.' }],
        caveat: 'This names an account holder, not a person.',
        window: { start: '2026-03-01T10:15:00.000Z', end: '2026-03-01T10:15:04.000Z' },
      },
    ],
    method: {
      sealcaseVersion: '0.1.0',
      tools: [
        { name: 'Node.js', version: '20.19.0' },
        { name: 'pdf-lib (@cantoo/pdf-lib)', version: '2.11.1' },
      ],
      parseRuns: [
        {
          artefact: ARTEFACTS[1]!.sha256,
          artefactName: ARTEFACTS[1]!.name,
          format: 'access-log',
          parserVersion: '1.2.0',
          options: {},
          decision: hex(70, 64),
        },
        {
          artefact: ARTEFACTS[2]!.sha256,
          artefactName: ARTEFACTS[2]!.name,
          format: 'cisco-cgn',
          parserVersion: '1.0.3',
          options: { assumeZone: 'Europe/Athens', year: 2026 },
          decision: null,
        },
      ],
      clockCorrections: [
        {
          artefact: ARTEFACTS[1]!.sha256,
          artefactName: ARTEFACTS[1]!.name,
          offsetSeconds: 30,
          reason: 'Operator letter of 2026-03-05: web server clock 30 s behind NTP',
          decidedAt: iso(T0 + 7 * 61_000),
          decidedBy: 'Олена Коваленко',
        },
      ],
      toleranceSeconds: 2,
      attributionEngineVersion: '1.0.0',
    },
  };
}

/** The DejaVu fonts main ships (same files electron/services/export/report-fonts.ts reads). */
export function testFonts(): ReportFonts {
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
  );
  return {
    regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
    bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    mono: readFileSync(join(dir, 'DejaVuSansMono.ttf')),
  };
}
