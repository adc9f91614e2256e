/**
 * Parsed events from main to the renderer's workspace store, as the store's own pages: `open`
 * starts parsing one vault artefact with its recorded parse decision and building time-sorted
 * pages of its events (`shared/workspace`; in a worker thread in the built app,
 * `electron/workers/parse-worker.ts`; in this thread when no bundle exists), `next` hands over
 * whole pages holding up to `max` events (at least one page; waiting for the parser when none is
 * ready), `close` stops it. The renderer stores the pages as they are. The parser pauses while a
 * full buffer waits to be pulled, so memory stays bounded whatever the artefact's size.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParseError } from '../../../shared/errors';
import { blobPathFor, type ParseWarning } from '../../../shared/model';
import { createDefaultRegistry, validateParseOptions } from '../../../shared/parsers';
import { PAGE_SIZE, PageBuilder, toWirePage, type WirePage } from '../../../shared/workspace';
import { parseFile } from '../parse';
import type { ParseDecisionOptions } from '../../../shared/model';
import type { FromParseWorker, ParseWorkerData, ToParseWorker } from '../../workers/parse-protocol';

/** The parse worker next to the bundle (`out/<x>/…js` → `out/workers/parse-worker.js`), or null. */
export function defaultParseWorkerUrl(): URL | null {
  const candidate = new URL('../workers/parse-worker.js', import.meta.url);
  return candidate.protocol === 'file:' && existsSync(fileURLToPath(candidate)) ? candidate : null;
}

/** Events buffered per stream before the parser waits for a pull. */
export const STREAM_HIGH_WATER = 50_000;
/**
 * A young generation large enough that most of a page's garbage (events, their JSON) dies before
 * it is promoted: the worker's CPU for 1M access-log lines fell from 5.25–5.38 s to 4.59–4.98 s
 * (3 runs each, 2 busy cores), for ≈ 50 MiB more memory.
 */
const PARSE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;
/** Streams held at once (a renderer import is one at a time; a few spare for reloads). */
const MAX_STREAMS = 4;

interface Stream {
  readonly controller: AbortController;
  pages: WirePage[];
  /** Events in `pages`. */
  buffered: number;
  warnings: ParseWarning[];
  done: boolean;
  error: Error | null;
  wake: (() => void) | null;
  resume: (() => void) | null;
  parser: { name: string; version: string } | null;
  bytes: number;
  total: number;
  /** Worker mode: batches received but not yet acknowledged (the worker waits for credit). */
  owedAcks: number;
  worker: Worker | null;
}

export interface StreamOpen {
  readonly caseDir: string;
  readonly artefact: string;
  readonly fileName: string;
  readonly format: string;
  readonly options: ParseDecisionOptions;
}

export interface StreamBatch {
  readonly pages: WirePage[];
  readonly warnings: ParseWarning[];
  readonly done: boolean;
  readonly parser: { readonly name: string; readonly version: string } | null;
  readonly bytes: number;
  readonly total: number;
}

export interface EventStreamsOptions {
  /**
   * Parse worker script; `undefined`: the one next to the bundle when it exists; `null`: parse in
   * this thread (tests run from sources, where no bundle exists).
   */
  readonly workerUrl?: URL | null;
}

/** Adds pages and warnings to a stream's buffer. */
function take(s: Stream, pages: readonly WirePage[], warnings: readonly ParseWarning[]): void {
  for (const p of pages) {
    s.pages.push(p);
    s.buffered += p.count;
  }
  for (const w of warnings) s.warnings.push(w);
}

export class EventStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly workerUrl: URL | null;

  constructor(options: EventStreamsOptions = {}) {
    this.workerUrl = options.workerUrl === undefined ? defaultParseWorkerUrl() : options.workerUrl;
  }

  /** Whether artefacts are parsed in a worker thread (true in the built app). */
  get usesWorker(): boolean {
    return this.workerUrl !== null;
  }

  open(req: StreamOpen): string {
    while (this.streams.size >= MAX_STREAMS) {
      const oldest = this.streams.keys().next().value;
      if (oldest === undefined) break;
      this.close(oldest);
    }
    const id = randomUUID();
    const s: Stream = {
      controller: new AbortController(),
      pages: [],
      buffered: 0,
      warnings: [],
      done: false,
      error: null,
      wake: null,
      resume: null,
      parser: null,
      bytes: 0,
      total: 0,
      owedAcks: 0,
      worker: null,
    };
    this.streams.set(id, s);
    const wake = () => {
      const w = s.wake;
      s.wake = null;
      w?.();
    };
    if (this.workerUrl !== null) {
      this.startWorker(s, req, this.workerUrl, wake);
      return id;
    }
    const builder = new PageBuilder(req.artefact, PAGE_SIZE, 'json', false);
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
            take(s, builder.push(out.events).map(toWirePage), out.warnings);
            wake();
            while (s.buffered >= STREAM_HIGH_WATER && !s.controller.signal.aborted) {
              await new Promise<void>((resolve) => {
                s.resume = resolve;
              });
            }
          },
        );
        s.parser = result.parser;
        if (result.summary.error !== null && result.summary.error.code !== 'PARSE_CANCELLED') {
          s.error = result.summary.error;
        } else if (result.summary.error === null && !s.controller.signal.aborted) {
          take(s, builder.finish().map(toWirePage), []);
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

  private startWorker(s: Stream, req: StreamOpen, url: URL, wake: () => void): void {
    const data: ParseWorkerData = {
      path: join(req.caseDir, blobPathFor(req.artefact)),
      fileName: req.fileName,
      format: req.format,
      artefact: req.artefact,
      options: req.options,
    };
    const worker = new Worker(url, { workerData: data, resourceLimits: PARSE_WORKER_LIMITS });
    s.worker = worker;
    worker.on('message', (m: FromParseWorker) => {
      switch (m.type) {
        case 'pages':
          take(s, m.pages, m.warnings);
          if (s.buffered < STREAM_HIGH_WATER)
            worker.postMessage({ type: 'ack' } satisfies ToParseWorker);
          else s.owedAcks++;
          wake();
          break;
        case 'bytes':
          s.bytes = m.bytes;
          s.total = m.total;
          break;
        case 'done':
          s.parser = m.parser;
          if (m.error !== null) s.error = new ParseError('PARSE_UNREADABLE', m.error.message);
          s.done = true;
          wake();
          break;
      }
    });
    worker.on('error', (error) => {
      s.error = error;
      s.done = true;
      wake();
    });
    worker.on('exit', () => {
      if (!s.done) {
        s.done = true;
        s.error ??= new ParseError('PARSE_UNREADABLE', 'the parse worker stopped unexpectedly');
        wake();
      }
    });
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
    while (s.pages.length === 0 && s.warnings.length === 0 && !s.done) {
      await new Promise<void>((resolve) => {
        s.wake = resolve;
      });
    }
    if (s.error !== null && s.pages.length === 0) {
      this.streams.delete(id);
      throw s.error;
    }
    // Whole pages up to `max` events, and always at least one page when there is one.
    let n = 0;
    let count = 0;
    while (n < s.pages.length && (n === 0 || count + (s.pages[n] as WirePage).count <= max)) {
      count += (s.pages[n] as WirePage).count;
      n++;
    }
    const pages = s.pages.splice(0, n);
    s.buffered -= count;
    const warnings = s.warnings.splice(0, s.warnings.length);
    const r = s.resume;
    s.resume = null;
    r?.();
    if (s.worker !== null && s.buffered < STREAM_HIGH_WATER) {
      for (; s.owedAcks > 0; s.owedAcks--)
        s.worker.postMessage({ type: 'ack' } satisfies ToParseWorker);
    }
    const done = s.done && s.pages.length === 0;
    if (done) this.streams.delete(id);
    return { pages, warnings, done, parser: s.parser, bytes: s.bytes, total: s.total };
  }

  close(id: string): boolean {
    const s = this.streams.get(id);
    if (s === undefined) return false;
    s.controller.abort();
    s.resume?.();
    if (s.worker !== null && !s.done) {
      s.worker.postMessage({ type: 'abort' } satisfies ToParseWorker);
      // A worker stuck in a synchronous step still ends: terminate it after a grace period.
      const w = s.worker;
      setTimeout(() => void w.terminate(), 2000).unref();
    }
    this.streams.delete(id);
    return true;
  }
}
