/**
 * `reproducePackage`: repeats the package's derivations from its originals and says, per
 * original and per attribution run, whether the result is identical, differs (where, how much),
 * or cannot be reproduced here (why, with a code). Reads only; writes nothing anywhere. Throws a
 * ReproduceError or PackageError when the package cannot be read or its manifest does not match
 * what was read (the CLI's exit 2).
 */
import { ATTRIBUTION_ENGINE_VERSION } from '../../../shared/attribution';
import { decisionPath, ORIGINALS_DIR } from '../../../shared/package';
import type { PackageReader } from '../../../shared/package/verify/reader';
import { createDefaultRegistry } from '../../../shared/parsers';
import { readPackageDecisions } from './package-decisions';
import { PackageOriginals } from './package-originals';
import { reproduceAttribution } from './reproduce-attribution';
import { reproduceEvents } from './reproduce-events';
import {
  REPRODUCE_REPORT_VERSION,
  type LineDifference,
  type ReproduceFinding,
  type ReproduceReport,
} from './report';
import { VerifiedPackage } from './verified-package';

export interface ReproduceOptions {
  /** The Sealcase version doing the work (reported, so a reader knows which parsers ran). */
  readonly toolVersion: string;
}

export async function reproducePackage(
  reader: PackageReader,
  options: ReproduceOptions,
): Promise<ReproduceReport> {
  const pkg = await VerifiedPackage.open(reader);
  const decisions = await readPackageDecisions(pkg);
  const originals = new PackageOriginals(pkg, createDefaultRegistry(), decisions.names);
  const events = await reproduceEvents(pkg, originals, decisions.parse);
  const attribution = await reproduceAttribution(pkg, originals, decisions.attribution);

  const findings: ReproduceFinding[] = [];
  for (const missing of decisions.missing) {
    findings.push({
      code: 'REPRODUCE_DECISION_MISSING',
      file: decisionPath(missing.sha256),
      message: `ledger record ${missing.seq} names this ${missing.kind} decision, but the package does not hold it`,
    });
  }
  for (const a of events.artefacts) {
    if (a.code === null) continue;
    findings.push({
      code: a.code,
      file: a.difference?.file ?? a.file ?? `${ORIGINALS_DIR}/${a.artefact}`,
      message: `${a.name} (${a.artefact}): ${a.reason ?? ''}`,
    });
  }
  for (const r of attribution.runs) {
    if (r.code === null) continue;
    findings.push({
      code: r.code,
      file: r.difference?.file ?? r.file,
      message: `attribution run ${r.decision}: ${r.reason ?? ''}`,
    });
  }
  const leftover = (d: LineDifference | null, code: ReproduceFinding['code'], what: string) => {
    if (d !== null) {
      findings.push({
        code,
        file: d.file,
        message: `${d.extra} line(s) from line ${d.first?.line ?? '?'} on belong to no ${what}`,
      });
    }
  };
  leftover(events.leftover, 'REPRODUCE_EVENTS_EXTRA', 'original with a parse decision');
  leftover(attribution.leftover, 'REPRODUCE_ATTRIBUTION_EXTRA', 'recorded attribution run');
  pkg.assertIntact();
  return {
    v: REPRODUCE_REPORT_VERSION,
    ok: findings.length === 0,
    package: { label: reader.label, form: reader.form },
    tool: { version: options.toolVersion, engineVersion: ATTRIBUTION_ENGINE_VERSION },
    artefacts: events.artefacts,
    runs: attribution.runs,
    findings,
  };
}
