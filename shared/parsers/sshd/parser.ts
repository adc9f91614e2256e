/**
 * The `sshd` parser: OpenSSH authentication messages in syslog files → `ssh:auth` events
 * (message.ts lists which messages count and their `outcome`).
 *
 * Time: RFC 3164 stamps have no year and no zone: the year comes from `--year` (the year of the
 * first line) through `createSyslogYearTracker`, which follows every stamped line of the file (not
 * only sshd's) so a Dec → Jan rollover is seen and warned (`TIME_YEAR_ROLLOVER`); without `--year`
 * `ts` is null with `TIME_NO_YEAR` (naming `--year`); the zone must be declared (`--assume-zone`).
 * RFC 5424 and ISO-stamped lines carry their offset.
 *
 * Events: `clientIp` (normalised), `clientPort` (absent when the message has none, e.g. old
 * `Invalid user X from IP`), `user`, `outcome`; `extra`: `method`, `host`, `pid`, `app` (when not
 * `sshd`), `invalidUser`, `preauth`, `protocol`, `key`, `reason`, `repeated`, `syslog` (shape);
 * `flags`: the special-range flags of the client address.
 *
 * Warnings: `SSHD_MALFORMED` (an sshd auth message that does not follow its grammar, or a line
 * mentioning sshd whose syslog header cannot be read), `SSHD_LINES_SKIPPED` (one summary at the end:
 * non-sshd lines and sshd lines that are not auth events), `TIME_*` from shared/time.
 */
import type { EventZone, ParseWarning, SshAuthEvent } from '../../model/event';
import { ipFlags, normalizeIp } from '../../net/ip';
import { parseIso8601, type TimeParseResult } from '../../time/instant';
import { stamp } from '../../time/stamp';
import { createSyslogYearTracker } from '../../time/syslog-year';
import { createLineParser } from '../line-parser';
import type { ParseOptions, Parser, ParserContext, StreamingParser } from '../types';
import { detectSshd } from './detect';
import { isSshdApp, parseSyslogHeader, type SyslogHeader } from './header';
import { parseSshdMessage } from './message';

const PARSER_NAME = 'sshd';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Extra = Record<string, string | number | boolean | null>;

const NILVALUE_TIME: TimeParseResult = {
  ok: false,
  reason: 'the RFC 5424 record has no timestamp (NILVALUE "-")',
};

function quoteLine(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function createSshdParser(options: ParseOptions, ctx: ParserContext): StreamingParser {
  const tracker = createSyslogYearTracker(options.year);
  const stampOptions = {
    ...(options.assumeZone === undefined ? {} : { assumeZone: options.assumeZone }),
    ...(options.ambiguousTime === undefined ? {} : { ambiguousTime: options.ambiguousTime }),
  };
  let otherLines = 0;
  let sshdNonAuth = 0;
  let noYearWarned = false;

  const timeOf = (
    header: SyslogHeader,
    lineNumber: number,
    warnings: ParseWarning[],
  ): { ts: string | null; zone: EventZone } => {
    const locator = { line: lineNumber };
    let parsed: TimeParseResult;
    if (header.shape === 'rfc3164') {
      if (header.monthDay === null)
        return { ts: null, zone: { source: 'unknown', offset: null, name: null } };
      const step = tracker.next(header.monthDay, locator);
      for (const w of step.warnings) warnings.push(w);
      parsed = step.time;
    } else if (header.tsRaw === '-') {
      parsed = NILVALUE_TIME;
    } else {
      parsed = parseIso8601(header.tsRaw, { allowSpaceSeparator: false });
    }
    const r = stamp({ tsRaw: header.tsRaw, parsed, locator }, stampOptions);
    for (const w of r.warnings) {
      // One TIME_NO_YEAR is enough: every later 3164 line has the same problem.
      if (w.code === 'TIME_NO_YEAR') {
        if (noYearWarned) continue;
        noYearWarned = true;
        warnings.push({
          ...w,
          message: `${w.message} (every RFC 3164 line of this file has ts null until --year is given)`,
        });
        continue;
      }
      warnings.push(w);
    }
    return { ts: r.ts, zone: r.zone };
  };

  return createLineParser(PARSER_NAME, ctx, {
    onLine(line, emit) {
      const text = line.text;
      if (text.trim() === '') return;
      const header = parseSyslogHeader(text);
      if (header === null) {
        if (text.includes('sshd[') || text.includes('sshd:')) {
          emit.warning(
            'SSHD_MALFORMED',
            `line ${line.number} mentions sshd but its syslog header cannot be read; skipped: ${quoteLine(text)}`,
            { line: line.number },
          );
        } else {
          otherLines++;
        }
        return;
      }
      if (!isSshdApp(header.app)) {
        // Follow the year through every 3164 line, so a rollover between sshd lines is seen.
        if (header.shape === 'rfc3164' && header.monthDay !== null && options.year !== undefined) {
          emit.warnings(tracker.next(header.monthDay, { line: line.number }).warnings);
        }
        otherLines++;
        return;
      }
      const msg = parseSshdMessage(text.slice(header.msgStart));
      if (msg === null) {
        if (header.shape === 'rfc3164' && header.monthDay !== null && options.year !== undefined) {
          emit.warnings(tracker.next(header.monthDay, { line: line.number }).warnings);
        }
        sshdNonAuth++;
        return;
      }
      if (typeof msg === 'string') {
        emit.warning('SSHD_MALFORMED', `line ${line.number}: ${msg}; skipped: ${quoteLine(text)}`, {
          line: line.number,
        });
        return;
      }
      const clientIp = normalizeIp(msg.ipText);
      if (clientIp === null) {
        emit.warning(
          'SSHD_MALFORMED',
          `line ${line.number}: "${clip(msg.ipText, 80)}" is not an IP address; skipped`,
          { line: line.number },
        );
        return;
      }
      const warnings: ParseWarning[] = [];
      const time = timeOf(header, line.number, warnings);
      const event: Mutable<SshAuthEvent> = {
        type: 'ssh:auth',
        ts: time.ts,
        tsRaw: clip(header.tsRaw, 4096),
        zone: time.zone,
        locator: { line: line.number },
        clientIp,
        outcome: msg.outcome,
      };
      if (msg.port !== null) event.clientPort = msg.port;
      if (msg.user !== null) event.user = clip(msg.user, 65536);
      const extra: Extra = {};
      if (msg.method !== null) extra.method = clip(msg.method, 200);
      if (header.host !== null) extra.host = clip(header.host, 1024);
      if (header.pid !== null)
        extra.pid = /^\d{1,10}$/.test(header.pid) ? Number(header.pid) : clip(header.pid, 128);
      if (header.app !== 'sshd') extra.app = header.app;
      if (msg.invalidUser) extra.invalidUser = true;
      if (msg.preauth) extra.preauth = true;
      if (msg.protocol !== null) extra.protocol = clip(msg.protocol, 200);
      if (msg.key !== null) extra.key = clip(msg.key, 4096);
      if (msg.reason !== null) extra.reason = clip(msg.reason, 4096);
      if (msg.repeated !== null) extra.repeated = msg.repeated;
      extra.syslog = header.shape;
      event.extra = extra;
      const flags = ipFlags(clientIp);
      if (flags.length > 0) event.flags = flags;
      emit.warnings(warnings);
      emit.event(event);
    },
    onEnd(emit) {
      if (otherLines > 0 || sshdNonAuth > 0) {
        emit.warning(
          'SSHD_LINES_SKIPPED',
          `${otherLines} line${otherLines === 1 ? '' : 's'} not from sshd and ${sshdNonAuth} sshd line${sshdNonAuth === 1 ? '' : 's'} that are not authentication events (connection, session, disconnect notices) were skipped`,
          null,
        );
      }
    },
  });
}

export const sshdParser: Parser = {
  name: PARSER_NAME,
  version: '1.0.0',
  description:
    'OpenSSH sshd authentication messages in syslog (RFC 3164 with --year, RFC 5424, ISO-stamped journal output)',
  // No syslog content kind exists yet: sshd logs arrive as `unknown` text.
  kinds: ['syslog'],
  eventTypes: ['ssh:auth'],
  detect: detectSshd,
  createParser: createSshdParser,
};
