/**
 * The `access-log` parser: Apache httpd and nginx access logs → `http:access` events.
 *
 * With `--log-format` (an Apache `LogFormat`, an nginx `log_format`, or the name `common`,
 * `combined`, `vhost_combined`) the format is compiled once and every line is read with it.
 * Without it, each line is read with the format that matched the previous line, else with the
 * first of vhost_combined, combined, common that matches (text after the last field is kept in
 * `extra.trailing`); the choice is reported (`ACCESS_FORMAT_DETECTED`, `ACCESS_FORMAT_CHANGED`)
 * and written to `extra.logFormat`.
 *
 * Warnings: `ACCESS_FORMAT_INVALID` / `ACCESS_FORMAT_UNKNOWN_FIELD` / `ACCESS_FORMAT_AMBIGUOUS`
 * (at the start, locator null), `ACCESS_NO_CLIENT_PORT` (the format logs no client port: shared
 * addresses cannot be attributed, formats.md §0.1 and §2.1), `ACCESS_LINE_MISMATCH` (line skipped),
 * `ACCESS_PRIVATE_CLIENTS` (summary at the end: private / loopback clients suggest a proxy in
 * front, formats.md §2.3), and `TIME_*` from stamp().
 */
import type { HttpAccessEvent, ParseWarning } from '../../model/event';
import type { Emit } from '../line-parser';
import { createLineParser } from '../line-parser';
import type { ParseOptions, Parser, ParserContext, StreamingParser } from '../types';
import { detectAccessLog } from './detect';
import { buildEvent, type BuildContext } from './event-builder';
import { FastReader } from './fast-path';
import { compileDefaultFormats, compileLogFormat, type CompiledFormat } from './format-compiler';
import { IpCache, PROXY_FLAGS } from './ip-cache';
import { scanLine } from './scanner';
import { TimeReader } from './time';

const PARSER_NAME = 'access-log';

interface Candidate {
  readonly format: CompiledFormat;
  readonly time: TimeReader;
  readonly build: BuildContext;
  /** The predefined formats' fast path (fast-path.ts); null for other formats. */
  readonly fast: FastReader | null;
}

function describeFormat(f: CompiledFormat): string {
  return f.name === 'custom' ? `the given ${f.syntax} format` : `the ${f.name} format`;
}

function quoteLine(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * One parse of one artefact. `fastPath` false: every line through the general scanner and
 * builder (generalAccessLogParser, the reference the fast path is tested against).
 */
function createAccessLogParser(
  options: ParseOptions,
  ctx: ParserContext,
  fastPath: boolean,
): StreamingParser {
  const startWarnings: ParseWarning[] = [];
  const ips = new IpCache();
  const stampOptions = {
    ...(options.assumeZone === undefined ? {} : { assumeZone: options.assumeZone }),
    ...(options.ambiguousTime === undefined ? {} : { ambiguousTime: options.ambiguousTime }),
  };
  const candidate = (format: CompiledFormat, auto: boolean): Candidate => ({
    format,
    time: new TimeReader(format, stampOptions),
    build: {
      ips,
      formatName: format.name === 'custom' ? null : format.name,
      // A predefined format may be Apache (%t: request start) or nginx (log-write): unknown.
      timeOf: auto || format.name !== 'custom' ? null : format.timeOf,
    },
    fast: fastPath ? FastReader.for(format, ips, stampOptions) : null,
  });

  let candidates: Candidate[];
  let auto = false;
  if (options.logFormat !== undefined) {
    const compiled = compileLogFormat(options.logFormat);
    if (compiled.ok) {
      candidates = [candidate(compiled.format, false)];
      for (const p of compiled.format.problems) {
        startWarnings.push({
          code: p.includes('followed directly')
            ? 'ACCESS_FORMAT_AMBIGUOUS'
            : 'ACCESS_FORMAT_UNKNOWN_FIELD',
          message: p,
          locator: null,
        });
      }
      if (!compiled.format.hasClientPort) {
        startWarnings.push(noPortWarning(describeFormat(compiled.format)));
      }
    } else {
      startWarnings.push({
        code: 'ACCESS_FORMAT_INVALID',
        message: `${compiled.reason}; detecting common / combined / vhost_combined per line instead`,
        locator: null,
      });
      auto = true;
      candidates = compileDefaultFormats().map((f) => candidate(f, true));
    }
  } else {
    auto = true;
    candidates = compileDefaultFormats().map((f) => candidate(f, true));
  }

  const maxFields = Math.max(1, ...candidates.map((c) => c.format.fields.length));
  const starts = new Int32Array(maxFields);
  const ends = new Int32Array(maxFields);
  let current: Candidate | null = auto ? null : (candidates[0] ?? null);
  const explicitWhat = current === null ? '' : describeFormat(current.format);
  let started = false;
  let proxyClients = 0;
  let firstProxyLine = 0;

  const flushStart = (emit: Emit): void => {
    if (started) return;
    started = true;
    emit.warnings(startWarnings);
  };

  /** Counts a line whose client address suggests a proxy in front (ACCESS_PRIVATE_CLIENTS). */
  const countProxy = (number: number): void => {
    if (proxyClients === 0) firstProxyLine = number;
    proxyClients++;
  };

  /** Scans and builds with one candidate; the event, or null when the line does not fit. */
  const tryCandidate = (c: Candidate, text: string, number: number): HttpAccessEvent | null => {
    const end = scanLine(text, c.format, starts, ends);
    if (end < 0) return null;
    const time = c.time.read(text, starts, ends, number);
    const built = buildEvent(text, number, c.format, starts, ends, time, c.build);
    if (typeof built === 'string') return null;
    if (end < text.length) {
      const trailing = text.slice(end).trim();
      if (trailing !== '') {
        const extra = built.extra === undefined ? {} : { ...built.extra };
        extra.trailing = trailing.length > 65536 ? trailing.slice(0, 65536) : trailing;
        (built as { extra?: typeof extra }).extra = extra;
      }
    }
    return built;
  };

  /** A line in place in the chunk: the fast path reads it there, else it is sliced out. */
  const readRange = (src: string, start: number, end: number, number: number, emit: Emit): void => {
    flushStart(emit);
    const reader = current === null ? null : current.fast;
    // A blank line (the general path skips it) never starts with a character the fast path takes.
    const c = start < end ? src.charCodeAt(start) : 32;
    if (reader !== null && c !== 32 && c !== 9) {
      const fast = reader.readRange(src, start, end, number);
      if (fast !== null) {
        if (reader.proxy) countProxy(number);
        emit.event(fast);
        return;
      }
    }
    readGeneral(src.slice(start, end), number, emit);
  };

  /** A line joined across chunks (or given whole): read as a range over itself. */
  const readLine = (text: string, number: number, emit: Emit): void =>
    readRange(text, 0, text.length, number, emit);

  /** A line the fast path did not take (blank lines are skipped here). */
  const readGeneral = (text: string, number: number, emit: Emit): void => {
    if (text.length === 0 || isBlank(text)) return;
    let event: HttpAccessEvent | null = null;
    let used: Candidate | null = null;
    if (current !== null) {
      event = tryCandidate(current, text, number);
      if (event !== null) used = current;
    }
    if (event === null && auto) {
      for (const c of candidates) {
        if (c === current) continue;
        event = tryCandidate(c, text, number);
        if (event !== null) {
          used = c;
          break;
        }
      }
    }
    if (event === null || used === null) {
      emit.warning(
        'ACCESS_LINE_MISMATCH',
        auto
          ? `line ${number} matches none of vhost_combined, combined, common; skipped: ${quoteLine(text)}`
          : `line ${number} does not match ${explicitWhat}; skipped: ${quoteLine(text)}`,
        { line: number },
      );
      return;
    }
    if (used !== current) {
      if (current === null) {
        emit.warning(
          'ACCESS_FORMAT_DETECTED',
          `no --log-format given: read as the ${used.format.name} format ("${used.format.text}") from line ${number} on; whether %t is the request start (Apache) or the log-write time (nginx) is not known; pass --log-format to be explicit`,
          { line: number },
        );
        emit.warnings([noPortWarning(`the ${used.format.name} format`)]);
      } else {
        emit.warning(
          'ACCESS_FORMAT_CHANGED',
          `line ${number} matches the ${used.format.name} format, not ${current.format.name}: read as ${used.format.name} from here on`,
          { line: number },
        );
      }
      current = used;
    }
    const time = used.time.out;
    if (time.warnings.length > 0) emit.warnings(time.warnings);
    if (event.flags?.some((f) => PROXY_FLAGS.has(f)) === true) countProxy(number);
    emit.event(event);
  };

  return createLineParser(PARSER_NAME, ctx, {
    onLine: (line, emit) => readLine(line.text, line.number, emit),
    onText: readLine,
    onRange: readRange,
    onEnd(emit) {
      flushStart(emit);
      if (proxyClients > 0) {
        emit.warning(
          'ACCESS_PRIVATE_CLIENTS',
          `${proxyClients} line${proxyClients === 1 ? '' : 's'} (first: line ${firstProxyLine}) have a private, loopback or link-local client address: a reverse proxy, load balancer or CDN is probably in front, so the logged address is not the client's; its own logs or a forwarded-for header are needed`,
          null,
        );
      }
    },
  });
}

function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c !== 32 && c !== 9) return false;
  return text.trim().length === 0;
}

function noPortWarning(what: string): ParseWarning {
  return {
    code: 'ACCESS_NO_CLIENT_PORT',
    message: `${what} logs no client source port (%{remote}p / $remote_port): behind a CGN or any shared address these requests cannot be attributed to one subscriber`,
    locator: null,
  };
}

export const accessLogParser: Parser = {
  name: PARSER_NAME,
  version: '1.0.0',
  description:
    'Apache httpd / nginx access logs (common, combined, vhost_combined, or any --log-format)',
  kinds: ['access-log'],
  eventTypes: ['http:access'],
  detect: detectAccessLog,
  createParser: (options, ctx) => createAccessLogParser(options, ctx, true),
};

/**
 * The same parser without the predefined formats' fast path (fast-path.ts): not registered; the
 * reference that tests (and measurements) compare the fast path with. Same events, same warnings.
 */
export const generalAccessLogParser: Parser = {
  ...accessLogParser,
  createParser: (options, ctx) => createAccessLogParser(options, ctx, false),
};
