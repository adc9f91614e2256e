/**
 * What one field of an access-log format means: the compiled format (format-compiler.ts) is a list
 * of literal and field steps, each field carrying one `FieldSpec`. Apache directives
 * (apache-format.ts) and nginx variables (nginx-format.ts) both map onto these roles, so the
 * event builder (event-builder.ts) knows nothing about either syntax.
 */

/** Field roles (small integers: the builder switches on them once per field per line). */
export const Role = {
  /** Not interpreted (unknown directive): the text is consumed and ignored. */
  SKIP: 0,
  /** `%h`: remote host, an IP unless HostnameLookups is on. */
  HOST: 1,
  /** `%a`, `$remote_addr`: the client IP (possibly rewritten by mod_remoteip / realip). */
  CLIENT_IP: 2,
  /** `%{c}a`, `$realip_remote_addr`: the peer of the TCP connection (a proxy, if any). */
  PEER_IP: 3,
  /** `%{remote}p`, `$remote_port`: the client source port. */
  CLIENT_PORT: 4,
  /** `%u`, `$remote_user`. */
  USER: 5,
  /** `%l`: identd user (nearly always `-`). */
  IDENT: 6,
  /** `%r`, `$request`: the request line. */
  REQUEST: 7,
  /** `%m`, `$request_method`. */
  METHOD: 8,
  /** `%U`, `$uri`, `$request_uri`. */
  URL_PATH: 9,
  /** `%q`, `$args`-style query (`?a=b` or empty). */
  QUERY: 10,
  /** `%H`, `$server_protocol`. */
  PROTOCOL: 11,
  /** `%>s`, `$status`: the final status. */
  STATUS: 12,
  /** `%s` / `%<s`: the original status (before internal redirects). */
  ORIGINAL_STATUS: 13,
  /** `%b`, `%B`, `$body_bytes_sent`: response body bytes (`-` = 0 / unknown). */
  BYTES: 14,
  /** `%{User-Agent}i`, `$http_user_agent`. */
  USER_AGENT: 15,
  /** `%{Referer}i`, `$http_referer`. */
  REFERER: 16,
  /** Any other field: the text goes to `extra[key]` (absent when `-` or empty). */
  EXTRA: 17,
  /** Like EXTRA, but a decimal number is stored as a number. */
  EXTRA_NUMBER: 18,
  /** `%t`, `$time_local`: `dd/Mon/yyyy:hh:mm:ss ±hhmm`, brackets optional. */
  TIME_APACHE: 19,
  /** `$time_iso8601`. */
  TIME_ISO: 20,
  /** `$msec`, `%{sec}t`, `%{msec}t`, `%{usec}t`: epoch values (unit in `key`: s, ms, us). */
  TIME_EPOCH: 21,
  /** One component of an Apache `%{strftime}t` (key: Y m d e H M S b z Z s f3 f6). */
  TIME_PART: 22,
  /** A header that hints at a proxy (`X-Forwarded-For`, `X-Real-IP`, `Forwarded`): extra + flag. */
  FORWARDED: 23,
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** How a field's text is delimited. */
export type FieldMode =
  /** Up to the next literal of the format (end of line when none follows). */
  | 'token'
  /** `[...]` (Apache `%t`): the text must start with `[` and ends after the next `]`. */
  | 'bracket'
  /** Exactly `width` characters (strftime components). */
  | 'fixed';

export interface FieldSpec {
  /** The directive as written: `%h`, `%{Referer}i`, `$remote_addr`. */
  readonly directive: string;
  readonly role: Role;
  /** Extra key (EXTRA*, FORWARDED), epoch unit (TIME_EPOCH) or strftime letter (TIME_PART). */
  readonly key: string;
  readonly mode: FieldMode;
  readonly width: number;
  /** Apache `%{end:…}t` and nginx times are taken when the log line is written. */
  readonly timeOf?: 'request-start' | 'log-write';
}

export type FormatToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly spec: FieldSpec };

export function field(
  directive: string,
  role: Role,
  key = '',
  mode: FieldMode = 'token',
  width = 0,
): FieldSpec {
  return { directive, role, key, mode, width };
}

/** A request header name as an extra key: `header.x-forwarded-for`. */
export function requestHeaderKey(name: string): string {
  return `header.${name.toLowerCase()}`;
}

/** A response header name as an extra key: `responseHeader.content-type`. */
export function responseHeaderKey(name: string): string {
  return `responseHeader.${name.toLowerCase()}`;
}

/** The role a request header gets: User-Agent, Referer and proxy headers are special. */
export function headerRole(name: string): { role: Role; key: string } {
  const lower = name.toLowerCase();
  if (lower === 'user-agent') return { role: Role.USER_AGENT, key: '' };
  if (lower === 'referer' || lower === 'referrer') return { role: Role.REFERER, key: '' };
  if (lower === 'x-forwarded-for' || lower === 'x-real-ip' || lower === 'forwarded') {
    return { role: Role.FORWARDED, key: requestHeaderKey(lower) };
  }
  return { role: Role.EXTRA, key: requestHeaderKey(lower) };
}
