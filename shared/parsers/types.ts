/**
 * The parser contract (issue 5). One folder per format under shared/parsers/<format>/, each
 * exporting one `Parser`; registry.ts lists them. See CONTEXT.md for how to add one.
 */
import type { ContentKind } from '../model/artefact';
import type { EventType, ParseWarning, SealcaseEvent } from '../model/event';
import type { AmbiguityPreference } from '../time/zones';
import type { TableProfile } from './table/profile';

/** What `detect()` sees: the head of the artefact decoded as text, and its name when known. */
export interface DetectSample {
  /** The first bytes of the artefact decoded as text (UTF-8, replacement characters kept). */
  readonly head: string;
  readonly fileName?: string;
}

/** The run's options: the CLI flags of `sealcase parse`, or the app's per-artefact choices. */
export interface ParseOptions {
  /** `--assume-zone`: IANA zone for local times without a zone in the record. */
  readonly assumeZone?: string;
  /** `--year`: year of the first yearless (RFC 3164) timestamp. */
  readonly year?: number;
  /** `--log-format`: an Apache `LogFormat` or nginx `log_format` string. */
  readonly logFormat?: string;
  /** SHA-256 (hex) of the artefact, copied onto every event's `artefact`. */
  readonly artefact?: string;
  /** DST gap/overlap reading; default `earlier`. */
  readonly ambiguousTime?: AmbiguityPreference;
  /** Column profile for table formats (`isp-reply`, `nat-csv`): see table/profile.ts. */
  readonly profile?: TableProfile;
}

/** What the runner gives a parser besides the options. */
export interface ParserContext {
  readonly fileName?: string;
  /** Longest line a line-based parser buffers (characters); longer lines are skipped with a warning. */
  readonly maxLineLength: number;
}

/** What one `push()` or `end()` yields: never an exception. */
export interface ParseOutput {
  readonly events: SealcaseEvent[];
  readonly warnings: ParseWarning[];
}

/** One parse of one artefact: text chunks in order, then `end()` exactly once. */
export interface StreamingParser {
  push(chunk: string): ParseOutput;
  end(): ParseOutput;
}

export interface Parser {
  /** Stable kebab-case id used by `--format` and in analysis records: `apache-access`, `email`. */
  readonly name: string;
  /** Semver of this parser's output: bump it when the events for the same input change. */
  readonly version: string;
  /** One line for `sealcase formats`. */
  readonly description: string;
  /** Intake content kinds this parser reads. */
  readonly kinds: readonly ContentKind[];
  /** Event types it emits. */
  readonly eventTypes: readonly EventType[];
  /** Confidence 0..1 that the sample is this format. Pure, fast, never throws, reads only `sample`. */
  detect(sample: DetectSample): number;
  /** A fresh streaming parser for one artefact. Options were validated (options.ts) before. */
  createParser(options: ParseOptions, ctx: ParserContext): StreamingParser;
}

/** A fresh, empty output to fill. */
export function emptyOutput(): ParseOutput {
  return { events: [], warnings: [] };
}

/** Warning codes of the framework itself (lines.ts, run.ts, registry.ts). */
export const FRAMEWORK_WARNING_CODES = [
  /** A line longer than the limit was skipped (its number is in the locator). */
  'LINE_TOO_LONG',
  /** A parser threw; the runner caught it and went on. */
  'PARSER_FAILED',
  /** A parser threw too often; the runner stopped feeding it. */
  'PARSER_ABORTED',
  /** A parser emitted an event that fails the event schema (dropped). */
  'PARSER_EVENT_INVALID',
  /** More warnings of one code than the runner reports one by one (a count follows). */
  'PARSER_WARNINGS_SUPPRESSED',
  /** A parser's detect() threw (treated as confidence 0). */
  'PARSER_DETECT_FAILED',
] as const;
export type FrameworkWarningCode = (typeof FRAMEWORK_WARNING_CODES)[number];
