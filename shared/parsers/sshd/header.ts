/**
 * The syslog header in front of an sshd message, in the three shapes sshd logs are kept in:
 * - RFC 3164 (BSD): `[<PRI>]Mmm dd hh:mm:ss[.frac] HOST TAG[PID]: MSG` (no year, no zone;
 *   `/var/log/auth.log`, `/var/log/secure`, `journalctl -o short` / `short-precise`);
 * - RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]` (offset in-band; any header field
 *   may be `-`; structured data skipped with its `\]` `\"` escapes);
 * - ISO-stamped files: `YYYY-MM-DDThh:mm:ss[.frac](±hh:mm|±hhmm|Z) HOST TAG[PID]: MSG`
 *   (`journalctl -o short-iso` / `short-iso-precise`, rsyslog `RSYSLOG_FileFormat`).
 * Hand-written scanner, never throws; `null` when the line is none of these.
 */
import { parseSyslogTimestamp, type MonthDayTime } from '../../time/syslog-year';

export type SyslogShape = 'rfc3164' | 'rfc5424' | 'iso';

export interface SyslogHeader {
  readonly shape: SyslogShape;
  /** The timestamp text as in the line (`-` for a 5424 NILVALUE). */
  readonly tsRaw: string;
  /** RFC 3164 only: the month/day/time read (the year comes from the tracker). */
  readonly monthDay: MonthDayTime | null;
  readonly host: string | null;
  /** APP-NAME / TAG without the pid: `sshd`, `sshd-session`. */
  readonly app: string;
  readonly pid: string | null;
  /** Where the message starts. */
  readonly msgStart: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `<PRI>` at the start: the position after `>`, or 0 when absent, -1 when malformed. */
function skipPri(line: string): number {
  if (line.charCodeAt(0) !== 60 /* < */) return 0;
  let i = 1;
  while (i < line.length && i <= 4 && isDigit(line.charCodeAt(i))) i++;
  if (i === 1 || line.charCodeAt(i) !== 62 /* > */) return -1;
  return i + 1;
}

/** The next space-delimited token from `i`: [start, end). */
function tokenEnd(line: string, i: number): number {
  const sp = line.indexOf(' ', i);
  return sp < 0 ? line.length : sp;
}

function skipSpaces(line: string, i: number): number {
  let k = i;
  while (line.charCodeAt(k) === 32) k++;
  return k;
}

/** `TAG[PID]: ` or `TAG: ` at `i`; null when the text there is not a tag. */
function readTag(
  line: string,
  i: number,
): { app: string; pid: string | null; msgStart: number } | null {
  const colon = line.indexOf(':', i);
  if (colon < 0) return null;
  const tag = line.slice(i, colon);
  if (tag.length === 0 || tag.length > 64 || tag.includes(' ')) return null;
  let app = tag;
  let pid: string | null = null;
  const open = tag.indexOf('[');
  if (open >= 0) {
    if (!tag.endsWith(']') || open === 0) return null;
    app = tag.slice(0, open);
    pid = tag.slice(open + 1, -1);
  }
  let msgStart = colon + 1;
  if (line.charCodeAt(msgStart) === 32) msgStart++;
  return { app, pid, msgStart };
}

/** HOST then TAG after the timestamp (RFC 3164 and ISO-stamped files). */
function hostAndTag(
  line: string,
  from: number,
): { host: string | null; app: string; pid: string | null; msgStart: number } | null {
  const i = skipSpaces(line, from);
  const end = tokenEnd(line, i);
  const first = line.slice(i, end);
  // No HOST (some embedded syslogds): the first token is already the tag.
  if (first.endsWith(':')) {
    const tag = readTag(line, i);
    return tag === null ? null : { host: null, ...tag };
  }
  const tag = readTag(line, skipSpaces(line, end));
  return tag === null ? null : { host: first, ...tag };
}

/** RFC 5424 structured data at `i`: the position after it, or -1. */
function skipStructuredData(line: string, i: number): number {
  if (line.charCodeAt(i) === 45 /* - */) return i + 1;
  let k = i;
  while (line.charCodeAt(k) === 91 /* [ */) {
    k++;
    let inValue = false;
    for (;;) {
      if (k >= line.length) return -1;
      const c = line.charCodeAt(k);
      if (c === 92 /* \ */ && inValue) {
        k += 2;
        continue;
      }
      if (c === 34 /* " */) inValue = !inValue;
      else if (c === 93 /* ] */ && !inValue) break;
      k++;
    }
    k++;
  }
  return k === i ? -1 : k;
}

function nil(text: string): string | null {
  return text === '-' ? null : text;
}

export function parseSyslogHeader(line: string): SyslogHeader | null {
  const afterPri = skipPri(line);
  if (afterPri < 0) return null;
  const c = line.charCodeAt(afterPri);
  // RFC 5424: <PRI>VERSION SP …
  if (afterPri > 0 && isDigit(c)) {
    let i = afterPri;
    while (isDigit(line.charCodeAt(i))) i++;
    if (line.charCodeAt(i) === 32 && i - afterPri <= 2) return parse5424(line, i + 1);
  }
  // ISO-stamped file: YYYY-MM-DD…
  if (
    isDigit(c) &&
    isDigit(line.charCodeAt(afterPri + 3)) &&
    line.charCodeAt(afterPri + 4) === 45 /* - */
  ) {
    const end = tokenEnd(line, afterPri);
    const rest = hostAndTag(line, end);
    if (rest === null) return null;
    return {
      shape: 'iso',
      tsRaw: line.slice(afterPri, end),
      monthDay: null,
      ...rest,
    };
  }
  const ts = parseSyslogTimestamp(line, afterPri);
  if (!ts.ok) return null;
  const rest = hostAndTag(line, afterPri + ts.length);
  if (rest === null) return null;
  return {
    shape: 'rfc3164',
    tsRaw: line.slice(afterPri, afterPri + ts.length),
    monthDay: ts.value,
    ...rest,
  };
}

function parse5424(line: string, from: number): SyslogHeader | null {
  const fields: string[] = [];
  let i = from;
  // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
  for (let n = 0; n < 5; n++) {
    const end = tokenEnd(line, i);
    if (end === i || end >= line.length) return null;
    fields.push(line.slice(i, end));
    i = end + 1;
  }
  const sdEnd = skipStructuredData(line, i);
  if (sdEnd < 0) return null;
  let msgStart = sdEnd;
  if (line.charCodeAt(msgStart) === 32) msgStart++;
  // A UTF-8 BOM may start MSG.
  if (line.charCodeAt(msgStart) === 0xfeff) msgStart++;
  const [tsRaw = '-', host = '-', app = '-', procId = '-'] = fields;
  return {
    shape: 'rfc5424',
    tsRaw,
    monthDay: null,
    host: nil(host),
    app: app === '-' ? '' : app,
    pid: nil(procId),
    msgStart,
  };
}

/** The sshd daemon's own tags: `sshd`, and OpenSSH ≥ 9.8's `sshd-session` / `sshd-auth`. */
export function isSshdApp(app: string): boolean {
  return app === 'sshd' || app.startsWith('sshd-');
}
