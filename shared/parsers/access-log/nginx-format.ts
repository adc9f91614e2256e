/**
 * nginx `log_format` strings (ngx_http_log_module) → format tokens. Variables are `$name` or
 * `${name}`; everything else is literal. Config-file quoting is undone: `'…' '…'` segments (as in
 * `log_format main '$remote_addr - …' '"$request" …';`) are joined.
 *
 * nginx times (`$time_local`, `$time_iso8601`, `$msec`) are taken when the line is written (the
 * response finished), unlike Apache's `%t` (request received): `timeOf: 'log-write'`.
 */
import {
  Role,
  field,
  headerRole,
  responseHeaderKey,
  type FieldSpec,
  type FormatToken,
} from './fields';
import type { TokenizeResult } from './apache-format';

const LOG_WRITE = 'log-write' as const;

function timeField(directive: string, role: Role, key: string, mode: FieldSpec['mode']): FieldSpec {
  return { ...field(directive, role, key, mode), timeOf: LOG_WRITE };
}

const variables: Readonly<Record<string, (d: string) => FieldSpec>> = {
  remote_addr: (d) => field(d, Role.CLIENT_IP),
  remote_port: (d) => field(d, Role.CLIENT_PORT),
  realip_remote_addr: (d) => field(d, Role.PEER_IP),
  realip_remote_port: (d) => field(d, Role.EXTRA_NUMBER, 'peerPort'),
  binary_remote_addr: (d) => field(d, Role.SKIP),
  remote_user: (d) => field(d, Role.USER),
  time_local: (d) => ({ ...timeField(d, Role.TIME_APACHE, '', 'fixed'), width: 26 }),
  time_iso8601: (d) => timeField(d, Role.TIME_ISO, '', 'token'),
  msec: (d) => timeField(d, Role.TIME_EPOCH, 's', 'token'),
  request: (d) => field(d, Role.REQUEST),
  request_method: (d) => field(d, Role.METHOD),
  request_uri: (d) => field(d, Role.URL_PATH),
  uri: (d) => field(d, Role.EXTRA, 'uri'),
  document_uri: (d) => field(d, Role.EXTRA, 'uri'),
  args: (d) => field(d, Role.EXTRA, 'args'),
  query_string: (d) => field(d, Role.EXTRA, 'args'),
  server_protocol: (d) => field(d, Role.PROTOCOL),
  status: (d) => field(d, Role.STATUS),
  body_bytes_sent: (d) => field(d, Role.BYTES),
  bytes_sent: (d) => field(d, Role.EXTRA_NUMBER, 'bytesSent'),
  request_length: (d) => field(d, Role.EXTRA_NUMBER, 'bytesReceived'),
  request_time: (d) => field(d, Role.EXTRA_NUMBER, 'requestTime'),
  connection: (d) => field(d, Role.EXTRA_NUMBER, 'connection'),
  connection_requests: (d) => field(d, Role.EXTRA_NUMBER, 'connectionRequests'),
  pipe: (d) => field(d, Role.EXTRA, 'pipe'),
  host: (d) => field(d, Role.EXTRA, 'host'),
  hostname: (d) => field(d, Role.EXTRA, 'hostname'),
  server_name: (d) => field(d, Role.EXTRA, 'serverName'),
  server_addr: (d) => field(d, Role.EXTRA, 'serverIp'),
  server_port: (d) => field(d, Role.EXTRA_NUMBER, 'serverPort'),
  scheme: (d) => field(d, Role.EXTRA, 'scheme'),
  https: (d) => field(d, Role.EXTRA, 'https'),
  ssl_protocol: (d) => field(d, Role.EXTRA, 'sslProtocol'),
  ssl_cipher: (d) => field(d, Role.EXTRA, 'sslCipher'),
  gzip_ratio: (d) => field(d, Role.EXTRA, 'gzipRatio'),
  upstream_addr: (d) => field(d, Role.EXTRA, 'upstreamAddr'),
  upstream_status: (d) => field(d, Role.EXTRA, 'upstreamStatus'),
  upstream_response_time: (d) => field(d, Role.EXTRA, 'upstreamResponseTime'),
  upstream_connect_time: (d) => field(d, Role.EXTRA, 'upstreamConnectTime'),
  upstream_header_time: (d) => field(d, Role.EXTRA, 'upstreamHeaderTime'),
  proxy_add_x_forwarded_for: (d) => field(d, Role.FORWARDED, 'header.x-forwarded-for'),
  request_id: (d) => field(d, Role.EXTRA, 'requestId'),
};

function variableSpec(name: string, directive: string): FieldSpec | null {
  const known = variables[name];
  if (known !== undefined) return known(directive);
  if (name.startsWith('http_') && name.length > 5) {
    const h = headerRole(name.slice(5).replace(/_/g, '-'));
    return field(directive, h.role, h.key);
  }
  if (name.startsWith('sent_http_') && name.length > 10) {
    return field(directive, Role.EXTRA, responseHeaderKey(name.slice(10).replace(/_/g, '-')));
  }
  if (name.startsWith('cookie_') && name.length > 7) {
    return field(directive, Role.EXTRA, `cookie.${name.slice(7)}`);
  }
  if (name.startsWith('arg_') && name.length > 4) {
    return field(directive, Role.EXTRA, `arg.${name.slice(4)}`);
  }
  return null;
}

/** Joins `'…' '…'` config segments; leaves an unquoted string as it is. */
export function unquoteNginxFormat(text: string): string {
  const s = text.trim();
  if (!s.startsWith("'") || !s.endsWith("'") || s.length < 2) return s;
  const parts: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return s;
      parts.push(s.slice(i + 1, close));
      i = close + 1;
    } else if (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r') {
      i++;
    } else {
      return s;
    }
  }
  return parts.join('');
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Tokenizes an nginx log_format string (already unquoted). Never throws. */
export function tokenizeNginxFormat(format: string): TokenizeResult {
  const tokens: FormatToken[] = [];
  const unknown: string[] = [];
  let literal = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i] ?? '';
    if (c !== '$') {
      literal += c;
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (format[i + 1] === '{') {
      const close = format.indexOf('}', i + 2);
      if (close < 0) {
        literal += c;
        i++;
        continue;
      }
      name = format.slice(i + 2, close);
      end = close + 1;
    } else {
      end = i + 1;
      while (end < format.length && isNameChar(format.charCodeAt(end))) end++;
      name = format.slice(i + 1, end);
    }
    if (name === '') {
      literal += c;
      i++;
      continue;
    }
    const directive = format.slice(i, end);
    i = end;
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
    const spec = variableSpec(name, directive);
    if (spec === null) {
      unknown.push(`"${directive}" is not an interpreted variable`);
      tokens.push({ kind: 'field', spec: field(directive, Role.SKIP) });
    } else {
      tokens.push({ kind: 'field', spec });
    }
  }
  if (literal !== '') tokens.push({ kind: 'literal', text: literal });
  return { tokens, unknown };
}

/** True when the text holds at least one `$variable`. */
export function hasNginxVariable(format: string): boolean {
  for (let i = format.indexOf('$'); i >= 0; i = format.indexOf('$', i + 1)) {
    const c = format.charCodeAt(i + 1);
    if (c === 123 /* { */ || (isNameChar(c) && !(c >= 48 && c <= 57))) return true;
  }
  return false;
}
