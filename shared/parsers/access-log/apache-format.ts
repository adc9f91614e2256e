/**
 * Apache httpd `LogFormat` strings (mod_log_config) → format tokens.
 *
 * Directive grammar: `%` [modifiers] [`{argument}`] letter, where modifiers are `<`, `>` and a
 * status condition (`400,501`, `!200,304`). With a condition the field logs `-` when it does not
 * apply, which every role already reads as "absent". `%%` is a literal percent sign.
 * Config-file quoting is undone: a string wrapped in `"…"` is unwrapped and `\"` becomes `"`.
 */
import { Role, field, headerRole, responseHeaderKey, type FormatToken } from './fields';
import { expandTimeArgument } from './strftime';

export interface TokenizeResult {
  readonly tokens: FormatToken[];
  /** One message per directive that is not interpreted (its field is skipped). */
  readonly unknown: string[];
}

/** Undoes the quoting of a `LogFormat "…"` line copied from a config file. */
export function unquoteApacheFormat(text: string): string {
  let s = text.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"') && !s.endsWith('\\"')) {
    s = s.slice(1, -1);
  }
  return s.includes('\\') ? s.replace(/\\(["\\])/g, '$1') : s;
}

const simpleRoles: Readonly<Record<string, { role: number; key: string }>> = {
  h: { role: Role.HOST, key: '' },
  a: { role: Role.CLIENT_IP, key: '' },
  A: { role: Role.EXTRA, key: 'serverIp' },
  b: { role: Role.BYTES, key: '' },
  B: { role: Role.BYTES, key: '' },
  D: { role: Role.EXTRA_NUMBER, key: 'durationUs' },
  f: { role: Role.EXTRA, key: 'filename' },
  H: { role: Role.PROTOCOL, key: '' },
  I: { role: Role.EXTRA_NUMBER, key: 'bytesReceived' },
  k: { role: Role.EXTRA_NUMBER, key: 'keepaliveRequests' },
  l: { role: Role.IDENT, key: '' },
  L: { role: Role.EXTRA, key: 'logId' },
  m: { role: Role.METHOD, key: '' },
  O: { role: Role.EXTRA_NUMBER, key: 'bytesSent' },
  p: { role: Role.EXTRA_NUMBER, key: 'serverPort' },
  P: { role: Role.EXTRA_NUMBER, key: 'pid' },
  q: { role: Role.QUERY, key: '' },
  r: { role: Role.REQUEST, key: '' },
  R: { role: Role.EXTRA, key: 'handler' },
  s: { role: Role.ORIGINAL_STATUS, key: '' },
  S: { role: Role.EXTRA_NUMBER, key: 'bytesTransferred' },
  T: { role: Role.EXTRA_NUMBER, key: 'durationS' },
  u: { role: Role.USER, key: '' },
  U: { role: Role.URL_PATH, key: '' },
  v: { role: Role.EXTRA, key: 'vhost' },
  V: { role: Role.EXTRA, key: 'serverName' },
  X: { role: Role.EXTRA, key: 'connectionStatus' },
};

function isStatusModifier(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 33 /* ! */ || c === 44; /* , */
}

/** Tokenizes an Apache LogFormat string (already unquoted). Never throws. */
export function tokenizeApacheFormat(format: string): TokenizeResult {
  const tokens: FormatToken[] = [];
  const unknown: string[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i] ?? '';
    if (c !== '%') {
      literal += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    let final: boolean | null = null;
    // Modifiers: status conditions and < / > in any order.
    for (;;) {
      const k = format.charCodeAt(i);
      if (k === 60 /* < */) final = false;
      else if (k === 62 /* > */) final = true;
      else if (!isStatusModifier(k)) break;
      i++;
    }
    let argument: string | null = null;
    if (format[i] === '{') {
      const close = format.indexOf('}', i + 1);
      if (close < 0) {
        unknown.push(`"${format.slice(start)}": unclosed {`);
        literal += format.slice(start);
        break;
      }
      argument = format.slice(i + 1, close);
      i = close + 1;
    }
    let letter = format[i];
    if (letter === undefined) {
      unknown.push(`"${format.slice(start)}": a lone % at the end`);
      literal += format.slice(start);
      break;
    }
    if (letter === '%' && argument === null) {
      literal += '%';
      i++;
      continue;
    }
    if (letter === '^' && (format.slice(i, i + 3) === '^ti' || format.slice(i, i + 3) === '^to')) {
      letter = format.slice(i, i + 3);
      i += 3;
    } else {
      i++;
    }
    const directive = format.slice(start, i);
    const made = directiveTokens(directive, letter, argument, final);
    if (made === null) {
      unknown.push(`"${directive}" is not a supported directive`);
      flush();
      tokens.push({ kind: 'field', spec: field(directive, Role.SKIP) });
      continue;
    }
    if (typeof made === 'string') {
      unknown.push(`"${directive}": ${made}`);
      flush();
      tokens.push({ kind: 'field', spec: field(directive, Role.SKIP) });
      continue;
    }
    for (const t of made) {
      if (t.kind === 'literal') literal += t.text;
      else {
        flush();
        tokens.push(t);
      }
    }
  }
  flush();
  return { tokens, unknown };
}

/** Tokens for one directive; null when unknown; a string when known but unusable (why). */
function directiveTokens(
  directive: string,
  letter: string,
  argument: string | null,
  final: boolean | null,
): FormatToken[] | string | null {
  const one = (role: number, key = ''): FormatToken[] => [
    { kind: 'field', spec: field(directive, role as Role, key) },
  ];
  if (letter === 't') {
    if (argument === null) {
      return [{ kind: 'field', spec: field(directive, Role.TIME_APACHE, '', 'bracket') }];
    }
    const expanded = expandTimeArgument(directive, argument);
    return expanded.ok ? expanded.tokens : expanded.reason;
  }
  if (argument !== null) {
    switch (letter) {
      case 'a':
        if (argument === 'c') return one(Role.PEER_IP);
        return null;
      case 'p':
        if (argument === 'remote') return one(Role.CLIENT_PORT);
        if (argument === 'local' || argument === 'canonical')
          return one(Role.EXTRA_NUMBER, 'serverPort');
        return null;
      case 'P':
        if (argument === 'pid') return one(Role.EXTRA_NUMBER, 'pid');
        if (argument === 'tid' || argument === 'hextid') return one(Role.EXTRA, 'tid');
        return null;
      case 'i': {
        const h = headerRole(argument);
        return one(h.role, h.key);
      }
      case 'o':
        return one(Role.EXTRA, responseHeaderKey(argument));
      case 'C':
        return one(Role.EXTRA, `cookie.${argument}`);
      case 'e':
        return one(Role.EXTRA, `env.${argument}`);
      case 'n':
        return one(Role.EXTRA, `note.${argument}`);
      case '^ti':
        return one(Role.EXTRA, `trailer.${argument.toLowerCase()}`);
      case '^to':
        return one(Role.EXTRA, `responseTrailer.${argument.toLowerCase()}`);
      case 'T':
        if (argument === 'us') return one(Role.EXTRA_NUMBER, 'durationUs');
        if (argument === 'ms') return one(Role.EXTRA_NUMBER, 'durationMs');
        if (argument === 's') return one(Role.EXTRA_NUMBER, 'durationS');
        return null;
      default:
        return null;
    }
  }
  if (letter === 's') return final === true ? one(Role.STATUS) : one(Role.ORIGINAL_STATUS);
  const simple = simpleRoles[letter];
  if (simple === undefined) return null;
  return one(simple.role, simple.key);
}

/** True when the text holds at least one Apache `%` directive (other than `%%`). */
export function hasApacheDirective(format: string): boolean {
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', i + 2)) {
    const next = format[i + 1];
    if (next !== undefined && next !== '%' && next !== ' ') return true;
  }
  return false;
}
