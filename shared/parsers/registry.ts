/**
 * The parser registry: every format Sealcase reads is listed in `BUILTIN_PARSERS` below, in one
 * place, so `sealcase formats`, `--format NAME`, detection and `reproduce` all see the same set.
 * Adding a format = one import and one entry here (see CONTEXT.md).
 */
import { ParseError } from '../errors/parse-error';
import { a10CgnParser } from './a10-cgn';
import { accessLogParser } from './access-log';
import { ciscoCgnParser } from './cisco-cgn';
import { conntrackParser } from './conntrack';
import { dhcpdLeasesParser } from './dhcpd-leases';
import { dnsmasqLeasesParser } from './dnsmasq-leases';
import { emailParser } from './email';
import { f5LsnParser } from './f5-lsn';
import { ispReplyParser, ispTableSpec } from './isp-reply';
import { juniperNatParser } from './juniper-nat';
import { keaLeasesParser } from './kea-leases';
import { natCsvParser, natCsvTableSpec } from './nat-csv';
import { radiusDetailParser } from './radius-detail';
import { sshdParser } from './sshd';
import { createTableSink, type TableSink, type TableSource } from './table/table-reader';
import type { DetectSample, ParseOptions, Parser } from './types';

/** Built-in parsers, one per format folder. Keep the list sorted by name. */
export const BUILTIN_PARSERS: readonly Parser[] = [
  a10CgnParser,
  accessLogParser,
  ciscoCgnParser,
  conntrackParser,
  dhcpdLeasesParser,
  dnsmasqLeasesParser,
  emailParser,
  f5LsnParser,
  ispReplyParser,
  juniperNatParser,
  keaLeasesParser,
  natCsvParser,
  radiusDetailParser,
  sshdParser,
];

/** Parsers that also read spreadsheet rows (XLSX, read in main): their names. */
export const TABLE_FORMATS = ['isp-reply', 'nat-csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export function isTableFormat(name: string): name is TableFormat {
  return (TABLE_FORMATS as readonly string[]).includes(name);
}

/** A row sink for one worksheet of a table format (options validated before). */
export function createTableSinkFor(
  format: TableFormat,
  options: ParseOptions,
  source: TableSource = {},
): TableSink {
  switch (format) {
    case 'isp-reply':
      return createTableSink(ispTableSpec, options, source);
    case 'nat-csv':
      return createTableSink(natCsvTableSpec, options, source);
  }
}

/** Lowest confidence `chooseParser` accepts from detection. */
export const MIN_DETECT_CONFIDENCE = 0.5;

export interface DetectCandidate {
  readonly name: string;
  readonly version: string;
  readonly confidence: number;
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEMVER = /^\d{1,6}\.\d{1,6}\.\d{1,6}$/;

export class ParserRegistry {
  private readonly parsers = new Map<string, Parser>();

  constructor(parsers: readonly Parser[] = []) {
    for (const p of parsers) this.register(p);
  }

  /** Adds a parser; throws `PARSE_PARSER_INVALID` / `PARSE_PARSER_DUPLICATE`. */
  register(parser: Parser): void {
    if (!NAME.test(parser.name) || parser.name.length > 64) {
      throw new ParseError(
        'PARSE_PARSER_INVALID',
        `parser name "${parser.name}" is not kebab-case`,
      );
    }
    if (!SEMVER.test(parser.version)) {
      throw new ParseError(
        'PARSE_PARSER_INVALID',
        `parser ${parser.name}: version "${parser.version}" is not MAJOR.MINOR.PATCH`,
      );
    }
    if (typeof parser.detect !== 'function' || typeof parser.createParser !== 'function') {
      throw new ParseError(
        'PARSE_PARSER_INVALID',
        `parser ${parser.name}: detect/createParser missing`,
      );
    }
    if (this.parsers.has(parser.name)) {
      throw new ParseError('PARSE_PARSER_DUPLICATE', `parser ${parser.name} is registered twice`);
    }
    this.parsers.set(parser.name, parser);
  }

  /** Every parser, sorted by name. */
  list(): Parser[] {
    return [...this.parsers.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  get(name: string): Parser | undefined {
    return this.parsers.get(name);
  }

  /**
   * Every parser's confidence for the sample, highest first (ties by name), zero scores left out.
   * A `detect()` that throws or returns something other than a number in 0..1 counts as 0
   * (values above 1 are clamped).
   */
  detectFormat(sample: DetectSample): DetectCandidate[] {
    const out: DetectCandidate[] = [];
    for (const parser of this.list()) {
      let confidence: number;
      try {
        const value = parser.detect(sample);
        confidence =
          typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
      } catch {
        confidence = 0;
      }
      if (confidence > 0) out.push({ name: parser.name, version: parser.version, confidence });
    }
    return out.sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
  }

  /**
   * The parser for a run: the named one (`--format`), else the best detected one at or above
   * `MIN_DETECT_CONFIDENCE`. Throws `PARSE_FORMAT_NOT_FOUND` or `PARSE_FORMAT_UNKNOWN` (naming the
   * formats tried).
   */
  choose(sample: DetectSample, format?: string): Parser {
    if (format !== undefined) {
      const named = this.get(format);
      if (named === undefined) {
        throw new ParseError(
          'PARSE_FORMAT_NOT_FOUND',
          `no parser named "${format}"; known formats: ${this.names()}`,
          { where: format },
        );
      }
      return named;
    }
    const [best] = this.detectFormat(sample);
    const parser =
      best !== undefined && best.confidence >= MIN_DETECT_CONFIDENCE
        ? this.get(best.name)
        : undefined;
    if (parser === undefined) {
      const where = sample.fileName;
      throw new ParseError(
        'PARSE_FORMAT_UNKNOWN',
        `the format of ${where ?? 'the input'} was not recognised; tried: ${this.names()}${
          best === undefined ? '' : ` (best: ${best.name} at ${best.confidence.toFixed(2)})`
        }; name one with --format`,
        where === undefined ? {} : { where },
      );
    }
    return parser;
  }

  private names(): string {
    const names = this.list().map((p) => p.name);
    return names.length === 0 ? '(none registered)' : names.join(', ');
  }
}

/** A registry holding the built-in parsers (a fresh one each call: no shared mutable state). */
export function createDefaultRegistry(): ParserRegistry {
  return new ParserRegistry(BUILTIN_PARSERS);
}
