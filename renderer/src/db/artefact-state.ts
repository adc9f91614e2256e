import type { SealcaseEvent } from '../../../shared/model';
import type { WirePage } from '../../../shared/workspace';
import {
  clearAllEvents,
  importEvents,
  importPages,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
} from './event-import';
import { invalidate } from './page-cache';
import type { ArtefactImport, ParserRef } from './schema';
import type { WorkspaceDb } from './workspace-db';

/**
 * The event store is a working copy of the case: it says when it no longer matches the case's
 * recorded parse decisions (or an import did not finish), and it can be rebuilt in one action.
 */

/** A parse decision as the case records it: which parser, with which options, for an artefact. */
export interface ParseDecisionRef {
  artefact: string;
  parser: ParserRef;
}

export interface StaleEntry {
  artefact: string;
  reason: string;
}

export interface StaleReport {
  stale: boolean;
  entries: StaleEntry[];
}

/** Every artefact row, complete or not, sorted by id. */
export async function listArtefacts(db: WorkspaceDb): Promise<ArtefactImport[]> {
  return db.artefacts.orderBy('artefact').toArray();
}

/** Marks one artefact (or, with `null`, every artefact) stale with a reason shown to the user. */
export async function markStale(
  db: WorkspaceDb,
  artefact: string | null,
  reason: string,
): Promise<void> {
  await db.transaction('rw', db.artefacts, async () => {
    const rows =
      artefact === null
        ? await db.artefacts.toArray()
        : [await db.artefacts.get(artefact)].filter((r) => r !== undefined);
    await db.artefacts.bulkPut(rows.map((r) => ({ ...r, stale: 1 as const, staleReason: reason })));
  });
  invalidate(db);
}

/** Whether the store says it is stale: an artefact marked stale, or an import left unfinished. */
export async function isStale(db: WorkspaceDb): Promise<StaleReport> {
  const entries: StaleEntry[] = [];
  for (const row of await listArtefacts(db)) {
    if (row.state !== 'complete') {
      entries.push({ artefact: row.artefact, reason: 'import did not finish' });
    } else if (row.stale === 1) {
      entries.push({ artefact: row.artefact, reason: row.staleReason ?? 'marked stale' });
    }
  }
  return { stale: entries.length > 0, entries };
}

/**
 * Compares the store with the case's parse decisions, marks what differs stale and returns the
 * report: an artefact parsed in the case but missing here, stored here but no longer parsed, or
 * parsed with another parser, version or options.
 */
export async function checkAgainstCase(
  db: WorkspaceDb,
  decisions: readonly ParseDecisionRef[],
): Promise<StaleReport> {
  const rows = new Map((await listArtefacts(db)).map((r) => [r.artefact, r]));
  const wanted = new Map(decisions.map((d) => [d.artefact, d]));
  const found: StaleEntry[] = [];
  for (const d of decisions) {
    const row = rows.get(d.artefact);
    if (row === undefined) {
      found.push({ artefact: d.artefact, reason: 'parsed in the case but not in the workspace' });
    } else if (
      row.parser.name !== d.parser.name ||
      row.parser.version !== d.parser.version ||
      row.parser.optionsHash !== d.parser.optionsHash
    ) {
      found.push({
        artefact: d.artefact,
        reason: `parsed here with ${row.parser.name} ${row.parser.version}, the case now records ${d.parser.name} ${d.parser.version}${row.parser.optionsHash === d.parser.optionsHash ? '' : ' with other options'}`,
      });
    }
  }
  for (const artefact of rows.keys()) {
    if (!wanted.has(artefact)) {
      found.push({ artefact, reason: 'no longer parsed in the case' });
    }
  }
  for (const entry of found) {
    if (rows.has(entry.artefact)) await markStale(db, entry.artefact, entry.reason);
  }
  const report = await isStale(db);
  const missing = found.filter((e) => !rows.has(e.artefact));
  return { stale: report.stale || missing.length > 0, entries: [...report.entries, ...missing] };
}

/**
 * One artefact to rebuild: its parse decision and a way to have it parsed again, as events (pages
 * built here) or as pages built by main's parse worker (stored as they are).
 */
export type RebuildSource = ParseDecisionRef &
  (
    | { events: () => AsyncIterable<readonly SealcaseEvent[]> | Iterable<readonly SealcaseEvent[]> }
    | { pages: () => AsyncIterable<readonly WirePage[]> | Iterable<readonly WirePage[]> }
  );

export interface RebuildProgress extends ImportProgress {
  /** 0-based position of the artefact being imported, of `artefacts`. */
  index: number;
  artefacts: number;
}

/**
 * Rebuilds the working copy from the case in one action: drops every stored event, then imports
 * each source in turn. The Timeline supplies `pages` (main parses the vault bytes with the recorded
 * decision and streams the store's pages over IPC).
 */
export async function rebuildWorkspace(
  db: WorkspaceDb,
  sources: readonly RebuildSource[],
  onProgress?: (progress: RebuildProgress) => void,
  options: ImportOptions = {},
): Promise<ImportSummary[]> {
  await clearAllEvents(db);
  const out: ImportSummary[] = [];
  for (const [index, source] of sources.entries()) {
    const progress = (p: ImportProgress) =>
      onProgress?.({ ...p, index, artefacts: sources.length });
    out.push(
      'pages' in source
        ? await importPages(db, source.artefact, source.parser, source.pages(), progress, options)
        : await importEvents(
            db,
            source.artefact,
            source.parser,
            source.events(),
            progress,
            options,
          ),
    );
  }
  return out;
}
