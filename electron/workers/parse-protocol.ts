/**
 * Messages between `EventStreams` (electron/services/analysis/event-stream.ts) and the parse
 * worker: the worker parses one vault artefact, builds the workspace store's time-sorted pages
 * (`shared/workspace`, the same encoding the renderer stores) and posts them as they complete;
 * main acknowledges each message it has taken, and the worker keeps at most `PARSE_CREDITS`
 * messages unacknowledged, so memory stays bounded when the renderer pulls slowly.
 */
import type { ParseDecisionOptions, ParseWarning } from '../../shared/model';
import type { WirePage } from '../../shared/workspace';

export const PARSE_CREDITS = 4;

export interface ParseWorkerData {
  readonly path: string;
  readonly fileName: string;
  readonly format: string;
  readonly artefact: string;
  readonly options: ParseDecisionOptions;
}

export type FromParseWorker =
  | { readonly type: 'pages'; readonly pages: WirePage[]; readonly warnings: ParseWarning[] }
  | { readonly type: 'bytes'; readonly bytes: number; readonly total: number }
  | {
      readonly type: 'done';
      readonly parser: { readonly name: string; readonly version: string } | null;
      /** A failure that ended the run (message and code), or null. */
      readonly error: { readonly message: string; readonly code: string } | null;
    };

export type ToParseWorker = { readonly type: 'ack' } | { readonly type: 'abort' };
