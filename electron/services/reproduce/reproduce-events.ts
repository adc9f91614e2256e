/**
 * Step 1 of reproduce: every original with a parse decision is parsed again from the package, in
 * the export's order (originals by SHA-256, then parser output order, FORMAT.md §6.4), and each
 * event's `JSON.stringify` line is compared with `data/events.jsonl` as it comes — neither side
 * is held in memory. Lines left over after the last original are reported on their own.
 */
import type { ParseDecisionV1 } from '../../../shared/model';
import { EVENTS_JSONL } from '../../../shared/package';
import { BlockCompare, MAX_SHOWN_CHARS, stringField } from './line-compare';
import { LineReader } from './line-reader';
import type { PackageOriginals } from './package-originals';
import type { ArtefactOutcome, LineDifference } from './report';
import type { VerifiedPackage } from './verified-package';

const artefactOf = stringField('artefact');

export interface EventsOutcome {
  readonly artefacts: ArtefactOutcome[];
  /** Lines after the last decided original's block (null when none). */
  readonly leftover: LineDifference | null;
}

export async function reproduceEvents(
  pkg: VerifiedPackage,
  originals: PackageOriginals,
  decisions: ReadonlyMap<string, { sha256: string; decision: ParseDecisionV1 }>,
): Promise<EventsOutcome> {
  const order = [...decisions.keys()].sort();
  const owners = new Set(order);
  const lines = new LineReader(EVENTS_JSONL, pkg.blocks(EVENTS_JSONL));
  const artefacts: ArtefactOutcome[] = [];
  try {
    for (const artefact of order) {
      const { sha256, decision } = decisions.get(artefact)!;
      const block = new BlockCompare(lines, artefact, artefactOf, owners);
      const base = {
        artefact,
        name: originals.nameOf(artefact),
        file: originals.pathOf(artefact),
        decision: sha256,
        format: decision.format,
        parserVersion: decision.parserVersion,
      };
      const cannot =
        originals.check(decision) ??
        (await originals.parse(decision, async (out) => {
          for (const e of out.events) await block.expect(JSON.stringify(e));
        }));
      if (cannot !== null) {
        await block.skip();
        artefacts.push({
          ...base,
          status: 'cannot-reproduce',
          events: 0,
          difference: null,
          ...cannot,
        });
        continue;
      }
      const difference = await block.finish(EVENTS_JSONL);
      artefacts.push({
        ...base,
        status: difference === null ? 'identical' : 'differs',
        events: block.expected,
        difference,
        code: difference === null ? null : 'REPRODUCE_EVENTS_DIFFER',
        reason: difference === null ? null : describeDifference(difference),
      });
    }
    const leftover = await leftoverLines(lines, EVENTS_JSONL);
    pkg.assertIntact();
    return { artefacts, leftover };
  } finally {
    await lines.abort();
  }
}

/** The rest of a file as extra lines (and the file read to its end, so it is hashed whole). */
export async function leftoverLines(
  lines: LineReader,
  file: string,
): Promise<LineDifference | null> {
  const first = await lines.next();
  if (first === null) return null;
  let extra = 1;
  while ((await lines.next()) !== null) extra++;
  return {
    file,
    first: { line: first.number, expected: null, actual: first.text.slice(0, MAX_SHOWN_CHARS) },
    differing: 0,
    missing: 0,
    extra,
  };
}

export function describeDifference(d: LineDifference): string {
  const parts = [
    d.differing > 0 ? `${d.differing} line(s) differ` : '',
    d.missing > 0 ? `${d.missing} re-derived line(s) missing from the package` : '',
    d.extra > 0 ? `${d.extra} extra line(s) in the package` : '',
  ].filter((p) => p !== '');
  return `${parts.join(', ')}; first at ${d.file} line ${d.first?.line ?? '?'}`;
}
