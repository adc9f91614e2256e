/**
 * Parsed events from main to the renderer's workspace store, pulled in batches: `open` starts
 * parsing one vault artefact with its recorded parse decision, `next` hands over up to `max`
 * events (waiting for the parser when none are ready), `close` stops it. The parser pauses while
 * a full buffer waits to be pulled, so memory stays bounded whatever the artefact's size.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ParseError } from '../../../shared/errors';
import { blobPathFor, type ParseWarning, type SealcaseEvent } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { parseFile } from '../parse';
import type { ParseDecisionOptions } from '../../../shared/model';

/** Events buffered per stream before the parser waits for a pull. */
export const STREAM_HIGH_WATER = 50_000;
/** Streams held at once (a renderer import is one at a time; a few spare for reloads). */
const MAX_STREAMS = 4;

interface Stream {
  readonly controller: AbortController;
  events: SealcaseEvent[];
  warnings: ParseWarning[];
  done: boolean;
  error: Error | null;
  wake: (() => void) | null;
  resume: (() => void) | null;
  parser: { name: string; version: string } | null;
  bytes: number;
  total: number;
}

export interface StreamOpen {
  readonly caseDir: string;
  readonly artefact: string;
  readonly fileName: string;
  readonly format: string;
  readonly options: ParseDecisionOptions;
}

export interface StreamBatch {
  readonly events: SealcaseEvent[];
  readonly warnings: ParseWarning[];
  readonly done: boolean;
  readonly parser: { readonly name: string; readonly version: string } | null;
  readonly bytes: number;
  readonly total: number;
}

export class EventStreams {
  private readonly streams = new Map<string, Stream>();

  open(req: StreamOpen): string {
    while (this.streams.size >= MAX_STREAMS) {
      const oldest = this.streams.keys().next().value;
      if (oldest === undefined) break;
      this.close(oldest);
    }
    const id = randomUUID();
    const s: Stream = {
      controller: new AbortController(),
      events: [],
      warnings: [],
      done: false,
      error: null,
      wake: null,
      resume: null,
      parser: null,
      bytes: 0,
      total: 0,
    };
    this.streams.set(id, s);
    const wake = () => {
      const w = s.wake;
      s.wake = null;
      w?.();
    };
    void (async () => {
      try {
        const result = await parseFile(
          {
            path: join(req.caseDir, blobPathFor(req.artefact)),
            fileName: req.fileName,
            format: req.format,
            options: validateParseOptions({ ...req.options, artefact: req.artefact }),
            registry: createDefaultRegistry(),
            signal: s.controller.signal,
            onBytes: (bytes, total) => {
              s.bytes = bytes;
              s.total = total;
            },
          },
          async (out) => {
            for (const e of out.events) s.events.push(e);
            for (const w of out.warnings) s.warnings.push(w);
            wake();
            while (s.events.length >= STREAM_HIGH_WATER && !s.controller.signal.aborted) {
              await new Promise<void>((resolve) => {
                s.resume = resolve;
              });
            }
          },
        );
        s.parser = result.parser;
        if (result.summary.error !== null && result.summary.error.code !== 'PARSE_CANCELLED') {
          s.error = result.summary.error;
        }
      } catch (error) {
        s.error = error instanceof Error ? error : new Error(String(error));
      } finally {
        s.done = true;
        wake();
      }
    })();
    return id;
  }

  async next(id: string, max: number): Promise<StreamBatch> {
    const s = this.streams.get(id);
    if (s === undefined) {
      throw new ParseError(
        'PARSE_RUN_NOT_FOUND',
        'that event stream is closed; start the import again',
        {
          where: id,
        },
      );
    }
    while (s.events.length === 0 && s.warnings.length === 0 && !s.done) {
      await new Promise<void>((resolve) => {
        s.wake = resolve;
      });
    }
    if (s.error !== null && s.events.length === 0) {
      this.streams.delete(id);
      throw s.error;
    }
    const events = s.events.splice(0, max);
    const warnings = s.warnings.splice(0, s.warnings.length);
    const r = s.resume;
    s.resume = null;
    r?.();
    const done = s.done && s.events.length === 0;
    if (done) this.streams.delete(id);
    return { events, warnings, done, parser: s.parser, bytes: s.bytes, total: s.total };
  }

  close(id: string): boolean {
    const s = this.streams.get(id);
    if (s === undefined) return false;
    s.controller.abort();
    s.resume?.();
    this.streams.delete(id);
    return true;
  }
}
