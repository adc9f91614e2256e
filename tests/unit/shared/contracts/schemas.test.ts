import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SealcaseEvent } from '../../../../shared/model';
import { PageBuilder, toWirePage, type WirePage } from '../../../../shared/workspace';
import {
  CHANNELS,
  CONTRACT,
  CaseCreateRequest,
  CaseId,
  ProgressEvent,
  fail,
  isChannel,
  ok,
  type Channel,
  type RequestOf,
  type ResponseOf,
} from '../../../../shared/contracts';
import { IPC_ERROR_CODES } from '../../../../shared/errors';

const UUID = '5f0c6f0e-7d3b-4b8e-9a53-1c2d3e4f5a6b';

const summary = {
  id: '2026-0417.sealcase',
  uuid: UUID,
  number: '2026/0417',
  title: 'Account takeover',
  authority: null,
  created: '2026-11-22T10:00:00.000Z',
  path: '/cases/2026-0417.sealcase',
} satisfies ResponseOf<'case:create'>;

/** One valid request and response per channel; `satisfies` makes a new channel need an example. */
/** The wire pages of a few events (as main's parse worker builds them). */
function onePage(events: SealcaseEvent[]): WirePage[] {
  const builder = new PageBuilder('d'.repeat(64));
  return [...builder.push(events), ...builder.finish()].map(toWirePage);
}

const EXAMPLES = {
  'app:info': {
    request: {},
    response: {
      name: 'Sealcase',
      version: '0.1.0',
      electron: null,
      node: '20.19.0',
      chromium: null,
      casesRoot: '/cases',
    },
  },
  'case:list': {
    request: {},
    response: {
      cases: [summary],
      problems: [
        {
          id: 'broken.sealcase',
          path: '/cases/broken.sealcase',
          code: 'CASE_INVALID',
          message: 'x',
        },
      ],
    },
  },
  'case:create': {
    request: { number: '2026/0417', title: 'Account takeover', authority: 'Order 17/2026' },
    response: summary,
  },
  'case:createDemo': {
    request: { task: 'demo-1' },
    response: {
      case: { ...summary, id: 'demo.sealcase', number: 'DEMO-0001' },
      identityFile: '/cases/demo-identity/demo-examiner.p12',
      passphrase: 'sealcase-demo',
      reusedIdentity: true,
    },
  },
  'case:open': {
    request: { id: '2026-0417.sealcase' },
    response: {
      ...summary,
      examiners: [{ name: 'A. Analyst', org: null, certificateSha256: null }],
      formatVersion: 1,
      tool: { name: 'sealcase', version: '0.1.0' },
    },
  },
  'artefacts:list': {
    request: { id: '2026-0417.sealcase' },
    response: {
      artefacts: [
        {
          format: 'sealcase/artefact',
          version: 1,
          id: '3f0b6a1e-2a44-4c1c-9a55-0d3f5c1e2b10',
          intakeId: '7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          original: {
            path: '/evidence/reply.csv',
            name: 'reply.csv',
            input: '/evidence/reply.csv',
            relativePath: '',
            mtime: '2026-11-01T08:00:00.000Z',
          },
          acquiredBy: 'A. Analyst',
          acquiredAt: '2026-11-23T10:00:00.000Z',
          receivedFrom: 'ISP X via LE portal, ref 7',
          source: null,
          method: 'logical-file-copy',
          note: null,
          tool: { name: 'sealcase', version: '0.1.0' },
          entry: 'file',
          size: 12,
          digests: { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) },
          blob: `vault/sha256/cc/${'c'.repeat(64)}`,
          contentKind: 'csv',
        },
      ],
      problems: [{ line: 3, message: 'not valid JSON' }],
    },
  },
  'identity:status': {
    request: {},
    response: { unlocked: false, name: null, certSha256: null, notAfter: null },
  },
  'identity:unlock': {
    request: { path: '/home/ann/ann.p12', passphrase: 'correct horse' },
    response: {
      unlocked: true,
      name: 'Ann Tamm',
      certSha256: 'd'.repeat(64),
      notAfter: '2027-11-23T00:00:00.000Z',
    },
  },
  'identity:lock': {
    request: {},
    response: { unlocked: false, name: null, certSha256: null, notAfter: null },
  },
  'identity:pick': { request: {}, response: { path: '/home/ann/ann.p12' } },
  'intake:pick': { request: {}, response: { paths: ['/evidence/a.log', '/evidence/mail'] } },
  'intake:start': {
    request: {
      id: '2026-0417.sealcase',
      paths: ['/evidence/a.log'],
      receivedFrom: 'ISP X via LE portal, ref 7',
    },
    response: { task: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' },
  },
  'intake:cancel': { request: { task: '6f1d2c3b' }, response: { cancelled: true } },
  'parse:formats': {
    request: {},
    response: {
      formats: [
        {
          name: 'email',
          version: '1.0.0',
          description: 'RFC 5322 messages',
          kinds: ['email'],
          eventTypes: ['email:message', 'email:received'],
        },
      ],
    },
  },
  'parse:preview': {
    request: {
      id: '2026-0417.sealcase',
      artefact: 'd'.repeat(64),
      format: 'access-log',
      options: { assumeZone: 'Europe/Tallinn', logFormat: '%h %l %u %t "%r" %>s %b' },
    },
    response: {
      parser: { name: 'access-log', version: '1.0.0' },
      detected: [{ name: 'access-log', version: '1.0.0', confidence: 0.9 }],
      events: [
        {
          type: 'http:access',
          ts: '2024-03-05T13:07:09.000Z',
          tsRaw: '05/Mar/2024:14:07:09 +0100',
          zone: { source: 'in-band', offset: '+01:00', name: null },
          locator: { line: 1 },
          clientIp: '198.51.100.7',
        },
      ],
      warnings: [
        { code: 'ACCESS_LINE_MISMATCH', message: 'line 2 does not match', locator: { line: 2 } },
      ],
      complete: true,
    },
  },
  'parse:record': {
    request: {
      id: '2026-0417.sealcase',
      artefact: 'd'.repeat(64),
      format: 'sshd',
      options: { year: 2024, assumeZone: 'UTC' },
      note: 'host clock checked against NTP log',
    },
    response: { sha256: 'e'.repeat(64), seq: 7 },
  },
  'attribution:run': {
    request: {
      id: '2026-0417.sealcase',
      task: '6f1d2c3b-aaaa',
      observationsCsv: 'ip,port,time\n192.0.2.10,1100,2024-03-05T13:00:00Z\n',
      observationArtefacts: [],
      records: ['d'.repeat(64)],
      toleranceSeconds: 2,
    },
    response: {
      results: [
        {
          observation: {
            ip: '192.0.2.10',
            port: 1100,
            ts: '2024-03-05T13:00:00.000Z',
            source: 'csv',
          },
          status: 'unique',
          subscribers: ['alice'],
          path: [
            {
              kind: 'nat-portblock',
              depth: 0,
              parent: null,
              from: { ip: '192.0.2.10', port: 1100 },
              to: { ip: '100.64.0.7', portStart: 1024, portEnd: 1535 },
              artefact: 'd'.repeat(64),
              locator: { line: 1 },
              records: [
                {
                  role: 'start',
                  artefact: 'd'.repeat(64),
                  locator: { line: 1 },
                  ts: '2024-03-05T12:26:08.000Z',
                },
              ],
              interval: {
                start: '2024-03-05T12:26:08.000Z',
                end: '2024-03-05T16:26:08.000Z',
                startInferred: false,
                endInferred: false,
              },
            },
          ],
          sharedBy: null,
          reasons: [],
          caveat: 'an account holder, not a person',
          window: { start: '2024-03-05T12:59:58.000Z', end: '2024-03-05T13:00:02.000Z' },
        },
      ],
      statusCounts: { unique: 1 },
      resultsSha256: 'e'.repeat(64),
      engineVersion: '1.0.0',
      inputs: [
        {
          artefact: 'd'.repeat(64),
          role: 'records',
          format: 'juniper-nat',
          parserVersion: '1.0.0',
          decided: true,
        },
      ],
      warnings: [],
    },
  },
  'attribution:cancel': { request: { task: 'abc-1' }, response: { cancelled: true } },
  'attribution:record': {
    request: { id: '2026-0417.sealcase', task: 'abc-1', note: 'port list from the provider' },
    response: { sha256: 'e'.repeat(64), seq: 12 },
  },
  'workspace:sources': {
    request: { id: '2026-0417.sealcase' },
    response: {
      sources: [
        {
          artefact: 'd'.repeat(64),
          name: 'access.log',
          format: 'access-log',
          parserVersion: '1.0.0',
          decision: 'e'.repeat(64),
        },
      ],
    },
  },
  'workspace:open': {
    request: { id: '2026-0417.sealcase', artefact: 'd'.repeat(64) },
    response: { stream: '0b7c-11' },
  },
  'workspace:next': {
    request: { stream: '0b7c-11', max: 20000 },
    response: {
      pages: onePage([
        {
          type: 'ssh:auth',
          ts: null,
          tsRaw: 'Mar  5 14:07:09',
          zone: { source: 'unknown', offset: null, name: null },
          locator: { line: 3 },
          clientIp: '203.0.113.9',
          clientPort: 41000,
          outcome: 'failed',
        },
      ]),
      warnings: [{ code: 'TIME_NO_YEAR', message: 'set --year', locator: null }],
      done: false,
      parser: { name: 'sshd', version: '1.0.0' },
      bytes: 1048576,
      total: 4194304,
    },
  },
  'workspace:close': { request: { stream: '0b7c-11' }, response: { closed: true } },
  'workspace:excerpt': {
    request: { id: '2026-0417.sealcase', artefact: 'd'.repeat(64), line: 17 },
    response: {
      text: '198.51.100.7 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 1',
      truncated: false,
      found: true,
    },
  },
  'analysis:list': {
    request: { id: '2026-0417.sealcase' },
    response: {
      bookmarks: [
        {
          artefact: 'd'.repeat(64),
          locator: { line: 12 },
          eventType: 'http:access',
          ts: '2024-03-05T13:00:00.000Z',
          label: 'first login from the CGN address',
          by: 'A. Analyst',
          at: '2026-11-23T10:00:00.000Z',
          seq: 9,
        },
      ],
      corrections: [
        {
          artefact: 'd'.repeat(64),
          offsetSeconds: -4,
          reason: 'server clock 4 s fast per NTP log',
          by: 'A. Analyst',
          at: '2026-11-23T10:00:00.000Z',
          seq: 10,
        },
      ],
    },
  },
  'analysis:bookmark': {
    request: {
      id: '2026-0417.sealcase',
      artefact: 'd'.repeat(64),
      locator: { header: 'Received', index: 2, message: 1 },
      eventType: 'email:received',
      ts: null,
      label: 'hop with the sender address',
    },
    response: { sha256: 'e'.repeat(64), seq: 11 },
  },
  'analysis:correctClock': {
    request: {
      id: '2026-0417.sealcase',
      artefact: 'd'.repeat(64),
      offsetSeconds: 3.5,
      reason: 'clock behind',
    },
    response: { sha256: 'e'.repeat(64), seq: 12 },
  },
  'profiles:list': {
    request: {},
    response: {
      profiles: [
        {
          v: 1,
          name: 'Example Telecom',
          format: 'isp-reply',
          dateOrder: 'dmy',
          columns: { ip: 'Requested IP', subscriber: 'Account' },
        },
      ],
      problems: [{ file: 'broken.json', message: 'not readable JSON' }],
    },
  },
  'profiles:save': {
    request: {
      profile: {
        v: 1,
        name: 'CGN export',
        format: 'nat-csv',
        columns: { insideIp: 'Inside', outsideIp: 'Outside', start: 'From', end: 'To' },
      },
    },
    response: { file: 'nat-csv--cgn-export.json' },
  },
  'parse:decisions': {
    request: { id: '2026-0417.sealcase' },
    response: {
      decisions: [
        {
          artefact: 'd'.repeat(64),
          format: 'sshd',
          parserVersion: '1.0.0',
          options: { year: 2024 },
          note: null,
          sha256: 'e'.repeat(64),
          seq: 7,
          at: '2026-11-23T10:00:00.000Z',
          by: 'A. Analyst',
        },
      ],
      problems: [],
    },
  },
  'custody:verify': {
    request: { id: '2026-0417.sealcase' },
    response: {
      status: 'invalid',
      records: [
        {
          seq: 0,
          at: '2026-11-23T10:00:00.000Z',
          actor: { name: 'A. Analyst', cert: 'a'.repeat(64) },
          action: 'case.created',
          artefacts: [],
          ids: ['case-1'],
          reason: 'opened',
          hash: 'b'.repeat(64),
        },
      ],
      totalVerified: 1,
      firstBad: { seq: 1, code: 'BAD_SIGNATURE', message: 'does not verify' },
      warnings: [],
      root: 'c'.repeat(64),
      checkpoints: 1,
      verifiedAt: '2026-11-23T10:00:01.000Z',
    },
  },
  'export:run': {
    request: {
      id: '2026-0417.sealcase',
      task: 'export-1',
      form: 'zip',
      pageSize: 'Letter',
      events: 'bookmarked',
      attachOriginals: true,
      redaction: { withhold: ['user', 'identity.*', 'identity.Street address'] },
    },
    response: {
      packages: [
        {
          package: {
            handle: 'pkg-1',
            path: '/cases/2026-0417.sealcase/exports/2026-0417-20261123T100000Z.zip',
            name: '2026-0417-20261123T100000Z.zip',
            form: 'zip',
          },
          packageId: `urn:uuid:${UUID}`,
          manifestSha256: 'a'.repeat(64),
          files: 12,
          bytes: 40960,
          redaction: 'none',
          withheld: [],
        },
      ],
    },
  },
  'export:cancel': { request: { task: 'export-1' }, response: { cancelled: true } },
  'export:list': {
    request: { id: '2026-0417.sealcase' },
    response: {
      exports: [
        {
          seq: 7,
          at: '2026-11-23T10:00:00.000Z',
          by: 'A. Analyst',
          reason: 'package written',
          path: '/cases/x/exports/p',
          packageId: `urn:uuid:${UUID}`,
          manifestSha256: 'a'.repeat(64),
          form: 'folder',
          redaction: 'none',
          files: 12,
          bytes: 40960,
          ledgerRecords: 7,
        },
      ],
      problems: [{ line: 9, message: 'not a JSON record' }],
    },
  },
  'package:open': {
    request: { kind: 'folder' },
    response: { package: { handle: 'pkg-2', path: '/in/p', name: 'p', form: 'folder' } },
  },
  'package:verify': {
    request: { package: 'pkg-2', task: 'verify-1' },
    response: {
      valid: false,
      findings: [{ code: 'DIGEST_MISMATCH', file: 'data/events.jsonl', message: 'differs' }],
      checks: [{ id: 'fixity', title: 'Fixity', status: 'fail', detail: '1 file differs' }],
      summary: {
        form: 'folder',
        packageId: `urn:uuid:${UUID}`,
        caseNumber: '2026/0417',
        files: 12,
        bytes: 40960,
        manifestSha256: 'a'.repeat(64),
        ledger: { records: 7, root: 'b'.repeat(64) },
        anchors: [{ sha256: 'c'.repeat(64), subject: 'CN=Lab CA' }],
        signer: { sha256: 'd'.repeat(64), subject: 'CN=A. Analyst' },
      },
      verifiedAt: '2026-11-23T10:00:01.000Z',
    },
  },
  'package:view': {
    request: { package: 'pkg-2' },
    response: {
      case: { number: '2026/0417', title: 'Takeover', authority: null, created: null },
      bagInfo: {
        packageId: `urn:uuid:${UUID}`,
        baggingDate: '2026-11-23',
        organisation: 'Lab',
        contact: 'A. Analyst',
        software: 'Sealcase 0.1.0',
        redaction: 'none',
        fullPackage: null,
      },
      certificates: [{ sha256: 'c'.repeat(64), role: 'lab-ca', anchor: true, subject: 'CN=Lab' }],
      artefacts: [
        {
          sha256: 'e'.repeat(64),
          name: 'access.log',
          size: 120,
          md5: 'f'.repeat(32),
          sha1: 'f'.repeat(40),
          acquiredAt: '2026-11-23T09:00:00.000Z',
          acquiredBy: 'A. Analyst',
          receivedFrom: null,
          bagPath: `data/originals/${'e'.repeat(64)}/access.log`,
        },
      ],
      custody: {
        records: [
          {
            seq: 0,
            at: '2026-11-23T09:00:00.000Z',
            actor: { name: 'A. Analyst', cert: 'a'.repeat(64) },
            action: 'case.created',
            artefacts: [],
            ids: [],
            reason: 'opened',
            hash: 'b'.repeat(64),
          },
        ],
        total: 1,
      },
      events: { count: 3, byType: { 'http:access': 3 } },
      attributionResults: 0,
      report: { bagPath: 'data/report.pdf', location: '/in/p/data/report.pdf', bytes: 9000 },
      problems: [],
    },
  },
  'package:cancel': { request: { task: 'verify-1' }, response: { cancelled: false } },
} satisfies { [C in Channel]: { request: RequestOf<C>; response: ResponseOf<C> } };

/** The zod issue codes of a failed parse (never the message text). */
function issueCodes(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.code);
}

describe('CONTRACT', () => {
  it('has exactly one request/response validator pair per channel in CHANNELS', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    for (const channel of CHANNELS) {
      const entry = CONTRACT[channel];
      expect(typeof entry.request.safeParse, channel).toBe('function');
      expect(typeof entry.response.safeParse, channel).toBe('function');
    }
  });

  it('names every channel namespace:verb', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('isChannel accepts exactly the listed channels', () => {
    for (const channel of CHANNELS) expect(isChannel(channel)).toBe(true);
    for (const other of ['case:delete', 'case', '', 'CASE:OPEN', 'case:open ', null, 1, {}]) {
      expect(isChannel(other)).toBe(false);
    }
  });

  it.each(CHANNELS.map((c) => [c] as const))('%s accepts its valid examples', (channel) => {
    const example = EXAMPLES[channel];
    expect(CONTRACT[channel].request.safeParse(example.request).success).toBe(true);
    expect(CONTRACT[channel].response.safeParse(example.response).success).toBe(true);
  });

  it.each(CHANNELS.map((c) => [c] as const))(
    '%s refuses unknown keys in request and response (strict)',
    (channel) => {
      const example = EXAMPLES[channel];
      expect(issueCodes(CONTRACT[channel].request, { ...example.request, extra: 1 })).toContain(
        'unrecognized_keys',
      );
      expect(issueCodes(CONTRACT[channel].response, { ...example.response, extra: 1 })).toContain(
        'unrecognized_keys',
      );
    },
  );

  it.each(CHANNELS.map((c) => [c] as const))('%s refuses non-object requests', (channel) => {
    for (const bad of [null, undefined, 'x', 1, []]) {
      expect(CONTRACT[channel].request.safeParse(bad).success).toBe(false);
    }
  });

  it('app:info and case:list take an empty request only', () => {
    expect(CONTRACT['app:info'].request.safeParse({}).success).toBe(true);
    expect(issueCodes(CONTRACT['case:list'].request, { id: 'x.sealcase' })).toEqual([
      'unrecognized_keys',
    ]);
  });

  it('case:open refuses an id that is not a case folder name', () => {
    expect(issueCodes(CONTRACT['case:open'].request, { id: '../x.sealcase' })).toEqual([
      'invalid_format',
    ]);
    expect(issueCodes(CONTRACT['case:open'].request, {})).toEqual(['invalid_type']);
  });

  it('responses refuse a summary with a bad uuid or case id', () => {
    expect(issueCodes(CONTRACT['case:create'].response, { ...summary, uuid: 'nope' })).toEqual([
      'invalid_format',
    ]);
    expect(
      issueCodes(CONTRACT['case:create'].response, { ...summary, id: '/abs.sealcase' }),
    ).toEqual(['invalid_format']);
    expect(
      issueCodes(CONTRACT['case:open'].response, {
        ...EXAMPLES['case:open'].response,
        formatVersion: 1.5,
      }),
    ).toEqual(['invalid_type']);
  });
});

describe('CaseId', () => {
  it.each([
    'x.sealcase',
    '2026-0417.sealcase',
    'CR_11.2026.sealcase',
    'a'.repeat(111) + '.sealcase',
  ])('accepts %s', (id) => {
    expect(CaseId.safeParse(id).success).toBe(true);
  });

  it.each([
    ['a parent-relative path', '../x.sealcase'],
    ['an absolute path', '/abs.sealcase'],
    ['a trailing parent segment', 'x.sealcase/..'],
    ['a nested path', 'a/b.sealcase'],
    ['a Windows path', 'a\\b.sealcase'],
    ['a drive path', 'C:x.sealcase'],
    ['a dot-prefixed name', '.x.sealcase'],
    ['the bare suffix', '.sealcase'],
    ['a parent-like name', '..sealcase'],
    ['a missing suffix', 'x'],
    ['a wrong suffix', 'x.sealcase.zip'],
    ['a suffix in another case', 'x.SEALCASE'],
    ['a space', 'my case.sealcase'],
    ['a NUL byte', 'x\u0000.sealcase'],
    ['a newline', 'x\n.sealcase'],
  ])('refuses %s with invalid_format', (_label, id) => {
    expect(issueCodes(CaseId, id)).toContain('invalid_format');
  });

  it('refuses the empty string (too_small) and names over 120 characters (too_big)', () => {
    expect(issueCodes(CaseId, '')).toContain('too_small');
    expect(issueCodes(CaseId, 'a'.repeat(112) + '.sealcase')).toContain('too_big');
  });

  it('refuses non-strings', () => {
    for (const bad of [undefined, null, 1, ['x.sealcase'], { id: 'x.sealcase' }]) {
      expect(issueCodes(CaseId, bad)).toEqual(['invalid_type']);
    }
  });

  it('accepts only one safe path segment (property)', () => {
    let accepted = 0;
    const piece = fc.string({
      unit: fc.constantFrom('a', 'Z', '0', '9', '.', '-', '_', '/', '\\', ':', ' ', 'é', '\u0000'),
      maxLength: 20,
    });
    const candidate = fc.oneof(
      fc.tuple(piece, fc.boolean()).map(([s, suffix]) => (suffix ? `${s}.sealcase` : s)),
      fc
        .tuple(fc.string({ unit: 'binary' }), fc.boolean())
        .map(([s, suffix]) => (suffix ? `${s}.sealcase` : s)),
    );
    fc.assert(
      fc.property(candidate, (id) => {
        if (!CaseId.safeParse(id).success) return;
        accepted++;
        expect(id).not.toContain('/');
        expect(id).not.toContain('\\');
        expect(id.startsWith('.')).toBe(false);
        expect(id.endsWith('.sealcase')).toBe(true);
        expect(id.split(/[\\/]/).some((seg) => seg === '.' || seg === '..')).toBe(false);
      }),
      { numRuns: 2000 },
    );
    // The property is not vacuous: the generator produced accepted names too.
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('case:create request', () => {
  const base = { number: '2026/0417', title: 'Account takeover' };

  it('accepts a request without authority and trims its fields', () => {
    const parsed = CaseCreateRequest.parse({
      number: '  2026/0417 ',
      title: ' Account takeover\t',
      authority: ' Production order\nsecond line ',
    });
    expect(parsed).toEqual({
      number: '2026/0417',
      title: 'Account takeover',
      authority: 'Production order\nsecond line',
    });
    expect(CaseCreateRequest.parse(base)).toEqual(base);
  });

  it.each([
    ['an empty number', { ...base, number: '' }, 'too_small'],
    ['a blank number', { ...base, number: '   ' }, 'too_small'],
    ['an empty title', { ...base, title: '' }, 'too_small'],
    ['a blank title', { ...base, title: ' \t ' }, 'too_small'],
    ['a 65-character number', { ...base, number: '1'.repeat(65) }, 'too_big'],
    ['a 201-character title', { ...base, title: 't'.repeat(201) }, 'too_big'],
    ['a 2001-character authority', { ...base, authority: 'a'.repeat(2001) }, 'too_big'],
    ['a number with a control character', { ...base, number: '2026\n0417' }, 'custom'],
    ['a title with a control character', { ...base, title: 'a\u0007b' }, 'custom'],
    ['an authority with a NUL', { ...base, authority: 'order\u0000' }, 'custom'],
    ['an unknown key', { ...base, examiner: 'me' }, 'unrecognized_keys'],
    ['a missing number', { title: 'x' }, 'invalid_type'],
    ['a missing title', { number: '1' }, 'invalid_type'],
    ['a numeric number', { ...base, number: 2026 }, 'invalid_type'],
    ['a null authority', { ...base, authority: null }, 'invalid_type'],
  ])('refuses %s (%s)', (_label, request, code) => {
    expect(issueCodes(CaseCreateRequest, request)).toContain(code);
  });

  it('accepts fields at their maximum length', () => {
    expect(
      CaseCreateRequest.safeParse({
        number: '1'.repeat(64),
        title: 't'.repeat(200),
        authority: 'a'.repeat(2000),
      }).success,
    ).toBe(true);
  });
});

describe('ProgressEvent', () => {
  const event = {
    task: 'intake-1',
    label: 'Hashing',
    done: 10,
    total: null,
    unit: 'bytes',
    ratePerSecond: null,
    etaSeconds: null,
    state: 'running',
    phase: 'copying',
    item: { name: 'a.log', done: 10, total: 20 },
    message: null,
    code: null,
  };

  it('accepts a progress event with unknown total, rate and ETA', () => {
    expect(ProgressEvent.safeParse(event).success).toBe(true);
    expect(
      ProgressEvent.safeParse({ ...event, total: 20, ratePerSecond: 5, etaSeconds: 2 }).success,
    ).toBe(true);
  });

  it.each([
    ['negative done', { ...event, done: -1 }, 'too_small'],
    ['an unknown unit', { ...event, unit: 'files' }, 'invalid_value'],
    ['a missing total', { ...event, total: undefined }, 'invalid_type'],
    ['an unknown key', { ...event, percent: 50 }, 'unrecognized_keys'],
    ['an unknown state', { ...event, state: 'paused' }, 'invalid_value'],
  ])('refuses %s', (_label, value, code) => {
    expect(issueCodes(ProgressEvent, value)).toContain(code);
  });
});

describe('result envelope', () => {
  it('ok() wraps a value and nothing else', () => {
    const value = { a: 1 };
    const result = ok(value);
    expect(result).toStrictEqual({ ok: true, value });
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    if (!result.ok) throw new Error('expected ok');
    expect(result.value).toBe(value);
  });

  it('ok() keeps falsy values', () => {
    expect(ok(null)).toStrictEqual({ ok: true, value: null });
    expect(ok(0)).toStrictEqual({ ok: true, value: 0 });
  });

  it.each(IPC_ERROR_CODES.map((c) => [c] as const))(
    'fail() carries the code %s in the value',
    (code) => {
      const result = fail(code, 'something went wrong');
      expect(result.ok).toBe(false);
      if (result.ok) throw new Error('expected a failure');
      expect(result.error.code).toBe(code);
      expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
      expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
      expect(typeof result.error.message).toBe('string');
    },
  );

  it('envelopes survive structured cloning (what Electron IPC does)', () => {
    const good = ok(EXAMPLES['case:create'].response);
    const bad = fail('INVALID_PAYLOAD', 'bad');
    expect(structuredClone(good)).toStrictEqual(good);
    expect(structuredClone(bad)).toStrictEqual(bad);
  });
});
