/**
 * Driving a parser over chunks without ever letting an exception escape (issue 5: a bad record is
 * a warning, never a crash). The runner:
 * - catches a throw from `createParser`, `push` or `end` and turns it into `PARSER_FAILED` (with
 *   the last locator the parser reported, so the analyst knows where), then goes on with the next
 *   chunk; after `maxFailures` throws it stops feeding the parser (`PARSER_ABORTED`);
 * - turns a failing chunk source into `summary.error` (`PARSE_UNREADABLE`) and still ends the
 *   parser cleanly, so everything read so far is kept; cancellation gives `PARSE_CANCELLED`;
 * - caps warnings per code (`maxWarningsPerCode`, then one `PARSER_WARNINGS_SUPPRESSED` per code
 *   with the count and line range), so a million zone-less lines give a readable report;
 * - fills `artefact` from the options on events that lack it, and (optionally) validates every
 *   event against the schema, dropping invalid ones with `PARSER_EVENT_INVALID`.
 * Memory: with `onOutput`, nothing is retained; `parseAll` / `parseText` collect (tests, previews).
 */
import { ParseError } from '../errors/parse-error';
import { SealcaseEvent, type Locator, type ParseWarning } from '../model/event';
import { DEFAULT_MAX_LINE_LENGTH } from './lines';
import {
  emptyOutput,
  type ParseOptions,
  type ParseOutput,
  type Parser,
  type StreamingParser,
} from './types';

export interface RunOptions {
  /** Validated options (options.ts). */
  readonly options?: ParseOptions;
  readonly fileName?: string;
  readonly maxLineLength?: number;
  /** Check every event against the event schema (slower; on in tests). Default false. */
  readonly validateEvents?: boolean;
  /** Warnings of one code reported one by one before they are only counted. Default 100. */
  readonly maxWarningsPerCode?: number;
  /** Throws tolerated from one parser before it is abandoned. Default 100. */
  readonly maxFailures?: number;
  /** Cancellation: an AbortSignal or anything with `aborted` (shared/ has no DOM types). */
  readonly signal?: { readonly aborted: boolean };
}

export interface RunSummary {
  readonly parser: { readonly name: string; readonly version: string };
  readonly events: number;
  /** Warnings reported (after capping). */
  readonly warnings: number;
  /** Warnings counted but not reported, per code. */
  readonly suppressed: Readonly<Record<string, number>>;
  /** False when the source failed, the run was cancelled or the parser was abandoned. */
  readonly complete: boolean;
  /** Why the run is incomplete (`PARSE_UNREADABLE`, `PARSE_CANCELLED`), else null. */
  readonly error: ParseError | null;
}

export type OutputSink = (output: ParseOutput) => void | Promise<void>;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function lineOf(locator: Locator | null): number | null {
  if (locator === null) return null;
  if ('line' in locator && typeof locator.line === 'number') return locator.line;
  return null;
}

/** The synchronous core shared by every entry point. */
class Driver {
  private readonly parser: Parser;
  private readonly run: RunOptions;
  private instance: StreamingParser | null = null;
  private failures = 0;
  private isAbandoned = false;
  private ended = false;
  private lastLocator: Locator | null = null;
  private chunks = 0;
  private events = 0;
  private warnings = 0;
  private readonly perCode = new Map<string, number>();
  private readonly suppressed = new Map<
    string,
    { count: number; first: number | null; last: number | null }
  >();

  constructor(parser: Parser, run: RunOptions) {
    this.parser = parser;
    this.run = run;
  }

  start(): ParseOutput {
    const out = emptyOutput();
    try {
      const ctx = {
        maxLineLength: this.run.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
        ...(this.run.fileName === undefined ? {} : { fileName: this.run.fileName }),
      };
      this.instance = this.parser.createParser(this.run.options ?? {}, ctx);
    } catch (error) {
      this.isAbandoned = true;
      this.warn(out, {
        code: 'PARSER_ABORTED',
        message: `${this.parser.name} could not start (${describe(error)}); nothing was parsed`,
        locator: null,
      });
    }
    return out;
  }

  get abandoned(): boolean {
    return this.isAbandoned;
  }

  push(chunk: string): ParseOutput {
    this.chunks++;
    if (this.isAbandoned || this.ended || this.instance === null) return emptyOutput();
    const instance = this.instance;
    return this.guard(() => instance.push(chunk), `chunk ${this.chunks}`);
  }

  end(): ParseOutput {
    if (this.ended) return emptyOutput();
    this.ended = true;
    let out = emptyOutput();
    if (!this.isAbandoned && this.instance !== null) {
      const instance = this.instance;
      out = this.guard(() => instance.end(), 'the end of the input');
    }
    for (const [code, s] of this.suppressed) {
      const range =
        s.first === null
          ? ''
          : s.first === s.last
            ? ` (line ${s.first})`
            : ` (lines ${s.first}–${s.last ?? s.first})`;
      out.warnings.push({
        code: 'PARSER_WARNINGS_SUPPRESSED',
        message: `${s.count} more ${code} warning${s.count === 1 ? '' : 's'}${range} not listed one by one`,
        locator: null,
      });
      this.warnings++;
    }
    return out;
  }

  summary(error: ParseError | null): RunSummary {
    const suppressed: Record<string, number> = {};
    for (const [code, s] of this.suppressed) suppressed[code] = s.count;
    return {
      parser: { name: this.parser.name, version: this.parser.version },
      events: this.events,
      warnings: this.warnings,
      suppressed,
      complete: error === null && !this.isAbandoned,
      error,
    };
  }

  private guard(step: () => ParseOutput, where: string): ParseOutput {
    const out = emptyOutput();
    let produced: ParseOutput;
    try {
      produced = step();
    } catch (error) {
      this.failures++;
      const after = this.lastLocator === null ? '' : ` after ${JSON.stringify(this.lastLocator)}`;
      this.warn(out, {
        code: 'PARSER_FAILED',
        message: `${this.parser.name} failed at ${where}${after} (${describe(error)}); output of that step is lost`,
        locator: this.lastLocator,
      });
      if (this.failures >= (this.run.maxFailures ?? 100)) {
        this.isAbandoned = true;
        this.warn(out, {
          code: 'PARSER_ABORTED',
          message: `${this.parser.name} failed ${this.failures} times; parsing stopped`,
          locator: this.lastLocator,
        });
      }
      return out;
    }
    const events: unknown[] = Array.isArray(produced?.events) ? produced.events : [];
    const warnings = Array.isArray(produced?.warnings) ? produced.warnings : [];
    const kept = this.run.validateEvents === true ? this.checked(events, out) : this.passed(events);
    for (const w of warnings) {
      if (w.locator !== null && w.locator !== undefined) this.lastLocator = w.locator;
      this.warn(out, w);
    }
    return { events: kept, warnings: out.warnings };
  }

  /**
   * The events of one step as they are (no validation): the parser's own array is handed on, not
   * copied (a parser returns a fresh array per step), with `artefact` filled in place. The last
   * locator is the last event's that has one: only that one is looked for.
   */
  private passed(events: unknown[]): SealcaseEvent[] {
    const artefact = this.run.options?.artefact;
    if (artefact !== undefined) {
      for (const event of events) {
        if (typeof event === 'object' && event !== null) {
          const e = event as { artefact?: unknown };
          if (e.artefact === undefined) e.artefact = artefact;
        }
      }
    }
    for (let i = events.length - 1; i >= 0; i--) {
      const locator = validLocator(events[i]);
      if (locator !== null) {
        this.lastLocator = locator;
        break;
      }
    }
    this.events += events.length;
    return events as SealcaseEvent[];
  }

  /** The events of one step that pass the event schema; the others become PARSER_EVENT_INVALID. */
  private checked(events: unknown[], out: ParseOutput): SealcaseEvent[] {
    const artefact = this.run.options?.artefact;
    const kept: SealcaseEvent[] = [];
    for (const event of events) {
      const checked = SealcaseEvent.safeParse(event);
      const locator = validLocator(event);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        this.warn(out, {
          code: 'PARSER_EVENT_INVALID',
          message: `${this.parser.name} emitted an invalid event (${issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`}); dropped`,
          locator,
        });
        continue;
      }
      const e = event as SealcaseEvent;
      if (artefact !== undefined && e.artefact === undefined) e.artefact = artefact;
      if (locator !== null) this.lastLocator = locator;
      kept.push(e);
      this.events++;
    }
    return kept;
  }

  private warn(out: ParseOutput, w: ParseWarning): void {
    const max = this.run.maxWarningsPerCode ?? 100;
    const seen = (this.perCode.get(w.code) ?? 0) + 1;
    this.perCode.set(w.code, seen);
    const critical = w.code === 'PARSER_ABORTED';
    if (seen <= max || critical) {
      out.warnings.push(w);
      this.warnings++;
      return;
    }
    const line = lineOf(w.locator);
    const s = this.suppressed.get(w.code);
    if (s === undefined) {
      this.suppressed.set(w.code, { count: 1, first: line, last: line });
    } else {
      s.count++;
      if (line !== null) {
        s.first = s.first === null ? line : Math.min(s.first, line);
        s.last = s.last === null ? line : Math.max(s.last, line);
      }
    }
  }
}

function validLocator(event: unknown): Locator | null {
  if (typeof event !== 'object' || event === null || !('locator' in event)) return null;
  const locator = (event as { locator: unknown }).locator;
  return typeof locator === 'object' && locator !== null ? (locator as Locator) : null;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<string> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Runs `parser` over `chunks`, handing each step's output to `sink`. Resolves with a summary;
 * never rejects because of the parser or the source (a throwing `sink` does propagate: it is the
 * caller's own code).
 */
export async function runParser(
  parser: Parser,
  chunks: AsyncIterable<string> | Iterable<string>,
  sink: OutputSink,
  run: RunOptions = {},
): Promise<RunSummary> {
  const driver = new Driver(parser, run);
  const emit = async (out: ParseOutput): Promise<void> => {
    if (out.events.length > 0 || out.warnings.length > 0) await sink(out);
  };
  await emit(driver.start());
  let error: ParseError | null = null;
  try {
    if (isAsyncIterable(chunks)) {
      for await (const chunk of chunks) {
        if (run.signal?.aborted === true) break;
        await emit(driver.push(chunk));
        if (driver.abandoned) break;
      }
    } else {
      for (const chunk of chunks) {
        if (run.signal?.aborted === true) break;
        await emit(driver.push(chunk));
        if (driver.abandoned) break;
      }
    }
  } catch (cause) {
    error = new ParseError('PARSE_UNREADABLE', `the input could not be read: ${describe(cause)}`, {
      cause,
      ...(run.fileName === undefined ? {} : { where: run.fileName }),
    });
  }
  if (run.signal?.aborted === true) {
    return driver.summary(new ParseError('PARSE_CANCELLED', 'the parse was cancelled'));
  }
  await emit(driver.end());
  return driver.summary(error);
}

export interface CollectedRun extends ParseOutput {
  readonly summary: RunSummary;
}

/** `runParser` collecting everything in memory (tests, previews of small inputs). */
export async function parseAll(
  parser: Parser,
  chunks: AsyncIterable<string> | Iterable<string>,
  run: RunOptions = {},
): Promise<CollectedRun> {
  const collected = emptyOutput();
  const summary = await runParser(
    parser,
    chunks,
    (out) => {
      for (const e of out.events) collected.events.push(e);
      for (const w of out.warnings) collected.warnings.push(w);
    },
    run,
  );
  return { ...collected, summary };
}

/** Synchronous run over text already in memory (pasted headers, previews). */
export function parseText(
  parser: Parser,
  text: string | readonly string[],
  run: RunOptions = {},
): CollectedRun {
  const driver = new Driver(parser, run);
  const collected = emptyOutput();
  const take = (out: ParseOutput): void => {
    for (const e of out.events) collected.events.push(e);
    for (const w of out.warnings) collected.warnings.push(w);
  };
  take(driver.start());
  for (const chunk of typeof text === 'string' ? [text] : text) {
    take(driver.push(chunk));
    if (driver.abandoned) break;
  }
  take(driver.end());
  return { ...collected, summary: driver.summary(null) };
}
