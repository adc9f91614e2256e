/**
 * Re-derives the case's events at export (DESIGN.md "Exports are rebuilt from originals"): each
 * original with a recorded parse decision is parsed from the vault with that decision's format and
 * options, and the events stream to `data/events.jsonl` and `data/timesketch.jsonl` as they come.
 * Only the report's timeline selection and the email hop tables are kept in memory.
 */
import { join } from 'node:path';
import { canonicalJson } from '../../../shared/custody';
import { ExportError } from '../../../shared/errors/export-error';
import {
  newTimesketchTally,
  toTimesketchLine,
  type TimesketchTally,
} from '../../../shared/interchange/timesketch';
import {
  blobPathFor,
  type BookmarkDecisionV1,
  type FileArtefact,
  type ParseDecisionV1,
  type SealcaseEvent,
} from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import type { ReportEmail, ReportHop } from '../../../shared/report';
import { parseFile } from '../parse';
import type { StreamedFile } from './bag-writer';

/** The most events a report timeline holds (shared/report ReportTimeline). */
export const MAX_REPORT_EVENTS = 1_000_000;

export type EventSelection = 'bookmarked' | 'all';

export interface ParseRun {
  readonly artefact: string;
  readonly artefactName: string;
  readonly format: string;
  readonly parserVersion: string;
  readonly options: ParseDecisionV1['options'];
  readonly decision: string;
}

export interface DerivedEvents {
  count: number;
  readonly timeline: SealcaseEvent[];
  readonly notes: Array<{ event: number; text: string }>;
  readonly emails: ReportEmail[];
  readonly parseRuns: ParseRun[];
  readonly timesketch: TimesketchTally;
  /** Things the report's method section states (e.g. a parser version that moved on). */
  readonly warnings: string[];
}

export interface DeriveRequest {
  readonly caseDir: string;
  /** Originals, sorted by SHA-256. */
  readonly files: readonly FileArtefact[];
  readonly parseDecisions: ReadonlyMap<string, { sha256: string; decision: ParseDecisionV1 }>;
  readonly bookmarks: readonly BookmarkDecisionV1[];
  readonly selection: EventSelection;
  readonly events: StreamedFile;
  readonly timesketch: StreamedFile;
  readonly onProgress?: (done: number, total: number, item: string) => void;
  /**
   * Applied to each event before anything else sees it (files, report timeline, email tables):
   * the redacted derivative's commitments (redaction.ts).
   */
  readonly transform?: (event: SealcaseEvent) => Promise<SealcaseEvent>;
}

const locatorKey = (artefact: string, locator: unknown): string =>
  `${artefact} ${canonicalJson(locator)}`;

interface EmailDraft {
  subject: string | null;
  messageId: string | null;
  artefact: string;
  hops: ReportHop[];
}

function collectEmail(drafts: Map<string, EmailDraft>, e: SealcaseEvent): void {
  if (e.type !== 'email:received' && e.type !== 'email:message') return;
  const artefact = e.artefact ?? '';
  const message = 'message' in e.locator ? (e.locator.message ?? 1) : 1;
  const key = `${artefact}#${message}`;
  let draft = drafts.get(key);
  if (draft === undefined) {
    draft = { subject: null, messageId: null, artefact, hops: [] };
    drafts.set(key, draft);
  }
  if (e.type === 'email:message') {
    draft.subject = e.subject ?? null;
    draft.messageId = e.messageId ?? null;
    return;
  }
  draft.hops.push({
    hop: e.hop,
    helo: e.fromHelo ?? null,
    rdns: e.fromRdns ?? null,
    ip: e.fromIp ?? null,
    by: e.byHost ?? null,
    with: e.with ?? null,
    time: e.ts,
    timeRaw: e.tsRaw,
    delaySeconds: e.delaySeconds ?? null,
    flags: [],
  });
}

export async function deriveEvents(req: DeriveRequest): Promise<DerivedEvents> {
  const registry = createDefaultRegistry();
  const bookmarkNotes = new Map<string, string[]>();
  for (const b of req.bookmarks) {
    const key = locatorKey(b.artefact, b.locator);
    bookmarkNotes.set(key, [...(bookmarkNotes.get(key) ?? []), b.label]);
  }
  const out: DerivedEvents = {
    count: 0,
    timeline: [],
    notes: [],
    emails: [],
    parseRuns: [],
    timesketch: newTimesketchTally(),
    warnings: [],
  };
  const emails = new Map<string, EmailDraft>();
  const decided = req.files.filter((f) => req.parseDecisions.has(f.digests.sha256));
  let done = 0;
  for (const file of decided) {
    const sha = file.digests.sha256;
    const { sha256: decisionSha, decision } = req.parseDecisions.get(sha)!;
    req.onProgress?.(done, decided.length, file.original.name);
    const result = await parseFile(
      {
        path: join(req.caseDir, blobPathFor(sha)),
        fileName: file.original.name,
        format: decision.format,
        options: validateParseOptions({ ...decision.options, artefact: sha }),
        registry,
      },
      async (batch) => {
        let lines = '';
        let sketch = '';
        for (const parsed of batch.events) {
          const e = req.transform === undefined ? parsed : await req.transform(parsed);
          lines += `${JSON.stringify(e)}\n`;
          const t = toTimesketchLine(e);
          if (t === null) {
            out.timesketch.unplaced++;
            out.timesketch.unplacedByType[e.type] =
              (out.timesketch.unplacedByType[e.type] ?? 0) + 1;
          } else {
            out.timesketch.written++;
            sketch += `${t}\n`;
          }
          out.count++;
          collectEmail(emails, e);
          // No bookmarks (the usual export): no locator key to build per event.
          const notes =
            bookmarkNotes.size === 0 ? undefined : bookmarkNotes.get(locatorKey(sha, e.locator));
          if (req.selection === 'all' || notes !== undefined) {
            if (out.timeline.length >= MAX_REPORT_EVENTS) {
              throw new ExportError(
                'EXPORT_OPTIONS_INVALID',
                `more than ${MAX_REPORT_EVENTS} events for the report's timeline; export with --events bookmarked`,
              );
            }
            for (const text of notes ?? []) out.notes.push({ event: out.timeline.length, text });
            out.timeline.push(e);
          }
        }
        await req.events.write(lines);
        await req.timesketch.write(sketch);
      },
    );
    if (result.parser.version !== decision.parserVersion) {
      out.warnings.push(
        `${file.original.name}: decided with ${decision.format} ${decision.parserVersion}, re-derived with ${result.parser.name} ${result.parser.version}`,
      );
    }
    out.parseRuns.push({
      artefact: sha,
      artefactName: file.original.name,
      format: result.parser.name,
      parserVersion: result.parser.version,
      options: decision.options,
      decision: decisionSha,
    });
    done++;
  }
  req.onProgress?.(done, decided.length, 'events');
  for (const draft of emails.values()) {
    if (draft.hops.length === 0 && draft.subject === null && draft.messageId === null) continue;
    draft.hops.sort((a, b) => a.hop - b.hop);
    out.emails.push({ ...draft, artefact: draft.artefact === '' ? null : draft.artefact });
  }
  return out;
}
