import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseService } from '../../services/cases';
import {
  CustodyLedger,
  LedgerAcquisitionRecorder,
  startCaseLedger,
  verifyCaseLedger,
} from '../../services/custody';
import { IntakeService, JsonlAcquisitionRecorder } from '../../services/intake';
import { createExaminer, unlock, writeIdentityFile } from '../../services/identity';
import { recordDecision } from '../../services/analysis';
import { parseFile } from '../../services/parse';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import type { ParseDecisionOptions, SealcaseEvent } from '../../../shared/model';
import {
  createAttributionEngine,
  observationsFromEvents,
  readObservationsCsv,
} from '../../../shared/attribution';
import { CliExit, EXIT, type CliIo } from '../io';

/**
 * Stages of the headless pipeline on built-in sample data. Each stage that exists runs for real;
 * the ones whose issues have not landed yet are listed as not yet available, never faked.
 */
const PENDING_STAGES = ['export and verify a signed package (export issue)'] as const;

/** The demo examiner's passphrase: printed, because the demo identity protects nothing. */
export const DEMO_PASSPHRASE = 'sealcase-demo';

/** `sealcase demo DIR`: the whole pipeline headless on built-in sample data. */
export async function demo(io: CliIo, dir: string, toolVersion: string): Promise<void> {
  const target = resolve(io.cwd, dir);
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) {
    throw new CliExit(
      EXIT.usage,
      `${target}: folder is not empty; give demo a new or empty folder`,
    );
  }
  const now = () => new Date();
  const identityFile = join(target, 'demo-examiner.p12');
  const p12 = createExaminer({
    name: 'Demo Examiner',
    org: 'Sealcase Demo Lab',
    validityYears: 1,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(identityFile, p12);
  io.out(
    `1. demo examiner identity (self-signed, RSA-3072): ${identityFile}, passphrase "${DEMO_PASSPHRASE}"\n`,
  );
  const identity = unlock(p12, DEMO_PASSPHRASE, { where: identityFile });
  try {
    const service = new CaseService({ casesRoot: target, now, uuid: randomUUID, toolVersion });
    const summary = await service.createAt(
      join(target, 'demo.sealcase'),
      {
        number: 'DEMO-0001',
        title: 'Sealcase demonstration case',
        authority: 'Demonstration on built-in sample data; no legal authority needed',
      },
      {
        examiners: [
          { name: identity.name, org: 'Sealcase Demo Lab', certificateSha256: identity.certSha256 },
        ],
        initialize: async (staging, file) => {
          await startCaseLedger(staging, file, identity, { now, toolVersion });
        },
      },
    );
    io.out(`2. case created with a signed custody ledger: ${summary.number} in ${summary.path}\n`);
    const samples = await writeSamples(join(target, 'samples'));
    const { ledger } = await CustodyLedger.open(summary.path, { now, toolVersion }, identity);
    const intake = await new IntakeService({
      caseDir: summary.path,
      recorder: new LedgerAcquisitionRecorder(
        ledger,
        identity,
        new JsonlAcquisitionRecorder(summary.path, now),
      ),
      now,
      uuid: randomUUID,
      toolVersion,
      acquiredBy: identity.name,
    }).ingest({
      inputs: samples,
      cwd: target,
      receivedFrom: 'Sealcase built-in sample data (synthetic, documentation addresses only)',
    });
    await ledger.checkpoint(identity, 'demo intake completed');
    io.out(
      `3. ${intake.artefacts.length} sample artefacts acquired into the vault, each signed:\n`,
    );
    for (const a of intake.artefacts) {
      if (a.entry === 'file') io.out(`   ${a.digests.sha256}  ${a.original.name}\n`);
    }
    // Parse every sample with the detected format; the decisions are signed analysis records and
    // the events go to events.jsonl beside the case (DESIGN.md event schema).
    const registry = createDefaultRegistry();
    const eventsFile = join(target, 'events.jsonl');
    const lines: string[] = [];
    io.out('4. parsed with the detected formats (each decision signed as an analysis record):\n');
    const recordEvents: SealcaseEvent[] = [];
    const observedEvents: SealcaseEvent[] = [];
    let observationsCsv: { text: string; sha256: string } | null = null;
    for (const a of intake.artefacts) {
      if (a.entry !== 'file') continue;
      if (a.original.name === OBSERVATIONS_SAMPLE) {
        // Not a record to parse: the observations attribution starts from (stage 5).
        observationsCsv = {
          text: await readFile(join(summary.path, a.blob), 'utf8'),
          sha256: a.digests.sha256,
        };
        continue;
      }
      const decided: ParseDecisionOptions = SAMPLE_OPTIONS[a.original.name] ?? {};
      const result = await parseFile(
        {
          path: join(summary.path, a.blob),
          fileName: a.original.name,
          options: validateParseOptions({ ...decided, artefact: a.digests.sha256 }),
          registry,
        },
        (out) => {
          for (const e of out.events) {
            lines.push(JSON.stringify(e));
            if (e.type === 'http:access' || e.type === 'ssh:auth' || e.type === 'email:received') {
              observedEvents.push(e);
            } else {
              recordEvents.push(e);
            }
          }
        },
      );
      await recordDecision(
        summary.path,
        identity,
        {
          v: 1,
          kind: 'parse',
          artefact: a.digests.sha256,
          format: result.parser.name,
          parserVersion: result.parser.version,
          options: decided,
          decidedAt: now().toISOString(),
          decidedBy: { name: identity.name, cert: identity.certSha256 },
        },
        `demo: parse ${a.original.name} as ${result.parser.name}`,
        { toolVersion, now },
      );
      io.out(
        `   ${a.original.name}: ${result.parser.name} ${result.parser.version}, ${result.summary.events} events, ${result.summary.warnings} warnings\n`,
      );
    }
    await writeFile(eventsFile, lines.map((l) => `${l}\n`).join(''));
    io.out(`   ${lines.length} events written to ${eventsFile}\n`);
    // Attribution: the server log (no source port) and the provider's reply (with ports).
    const engine = createAttributionEngine();
    engine.addRecords(recordEvents);
    engine.build();
    const observations = [
      ...observationsFromEvents(observedEvents).observations,
      ...(observationsCsv === null
        ? []
        : readObservationsCsv(observationsCsv.text, observationsCsv.sha256).observations),
    ];
    const results = engine.attributeAll(observations);
    const resultsFile = join(target, 'attribution.jsonl');
    await writeFile(resultsFile, results.map((r) => `${JSON.stringify(r)}\n`).join(''));
    io.out(`5. attributed ${results.length} observations through the NAT and RADIUS records:\n`);
    for (const r of results) {
      const o = r.observation;
      io.out(
        `   ${o.ip}${o.port === undefined ? ' (no port)' : `:${o.port}`} at ${o.ts}: ${r.status}${
          r.subscribers.length === 0 ? '' : ` → ${r.subscribers.join(', ')}`
        }${r.sharedBy === null || r.sharedBy === 0 ? '' : ` (address shared by ${r.sharedBy} accounts)`}\n`,
      );
    }
    io.out(`   results with evidence paths and reasons: ${resultsFile}\n`);
    io.out(`   ${results[0]?.caveat ?? ''}\n`);
    const verification = await verifyCaseLedger(summary.path);
    if (!verification.ok) {
      throw new CliExit(
        EXIT.findings,
        `the demo ledger does not verify: ${verification.firstBad?.code ?? ''} ${verification.firstBad?.message ?? ''}`,
      );
    }
    io.out(
      `6. ledger verified: ${verification.records.length} records, Merkle root ${verification.root}\n`,
    );
  } finally {
    identity.lock();
  }
  PENDING_STAGES.forEach((stage, i) => io.out(`${i + 7}. not yet available: ${stage}\n`));
}

/**
 * Built-in sample evidence (synthetic; addresses from the documentation ranges of RFC 5737 and
 * the shared CGN range of RFC 6598, times in UTC).
 */
const SAMPLES: Readonly<Record<string, string>> = {
  'webmail-access.log':
    '198.51.100.23 - - [14/Mar/2026:09:41:07 +0000] "POST /login HTTP/1.1" 302 0 "-" "Mozilla/5.0"\n' +
    '198.51.100.23 - - [14/Mar/2026:09:41:09 +0000] "GET /inbox HTTP/1.1" 200 5120 "-" "Mozilla/5.0"\n',
  'complaint.eml':
    'Received: from mail.example.net (mail.example.net [203.0.113.25])\n' +
    '\tby mx.example.org (Postfix) with ESMTPS id 4F1A2B3C\n' +
    '\tfor <victim@example.org>; Sat, 14 Mar 2026 09:45:12 +0000\n' +
    'From: someone@example.net\nTo: victim@example.org\nSubject: demo\n' +
    'Date: Sat, 14 Mar 2026 09:45:10 +0000\nMessage-ID: <demo-1@example.net>\n\nSample body.\n',
  'cgn-nat.log':
    'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.12.35" block-used="1" block-max-per-host="8" block-port-low="41472" block-port-high="41983" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b52c84"]\n' +
    'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.12.34" block-used="1" block-max-per-host="8" block-port-low="40960" block-port-high="41471" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b52d2a"]\n' +
    'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.12.35" block-used="0" block-max-per-host="8" block-port-low="41472" block-port-high="41983" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b5348e"]\n' +
    'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.12.34" block-used="0" block-max-per-host="8" block-port-low="40960" block-port-high="41471" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b53524"]\n',
  'radius-detail':
    'Sat Mar 14 09:30:02 2026\n' +
    '\tAcct-Status-Type = Start\n' +
    '\tUser-Name = "subscriber-0042@isp.example"\n' +
    '\tFramed-IP-Address = 100.64.12.34\n' +
    '\tAcct-Session-Id = "0A1B2C3D"\n' +
    '\tNAS-IP-Address = 192.0.2.1\n' +
    '\tCalling-Station-Id = "02:00:5e:00:53:42"\n' +
    '\tAcct-Delay-Time = 0\n' +
    '\tTimestamp = 1773480602\n\n' +
    'Sat Mar 14 09:35:00 2026\n' +
    '\tAcct-Status-Type = Start\n' +
    '\tUser-Name = "subscriber-0043@isp.example"\n' +
    '\tFramed-IP-Address = 100.64.12.35\n' +
    '\tAcct-Session-Id = "0A1B2C4E"\n' +
    '\tNAS-IP-Address = 192.0.2.1\n' +
    '\tAcct-Delay-Time = 0\n' +
    '\tTimestamp = 1773480900\n\n' +
    'Sat Mar 14 10:20:00 2026\n' +
    '\tAcct-Status-Type = Stop\n' +
    '\tUser-Name = "subscriber-0042@isp.example"\n' +
    '\tFramed-IP-Address = 100.64.12.34\n' +
    '\tAcct-Session-Id = "0A1B2C3D"\n' +
    '\tNAS-IP-Address = 192.0.2.1\n' +
    '\tAcct-Session-Time = 2998\n' +
    '\tAcct-Delay-Time = 0\n' +
    '\tTimestamp = 1773483600\n\n',
  'observations.csv':
    'ip,port,time\n' +
    "# the webmail provider's reply: source ports of the two logins\n" +
    '198.51.100.23,41000,2026-03-14T09:41:07Z\n' +
    '198.51.100.23,41500,2026-03-14T09:41:09Z\n',
};

/** Parse options the demo examiner decides per sample (the NAT log's syslog header has no year). */
const OBSERVATIONS_SAMPLE = 'observations.csv';

const SAMPLE_OPTIONS: Readonly<Record<string, ParseDecisionOptions>> = {
  'radius-detail': { assumeZone: 'UTC' },
};

async function writeSamples(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [name, text] of Object.entries(SAMPLES)) {
    const path = join(dir, name);
    await writeFile(path, text);
    paths.push(path);
  }
  return paths;
}
