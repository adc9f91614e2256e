/**
 * Apache `%{format}t`: the argument is either one of the tokens `sec`, `msec`, `usec`,
 * `msec_frac`, `usec_frac`, or a strftime pattern, optionally prefixed `begin:` (request start,
 * the default) or `end:` (log-write time). A strftime pattern is expanded into the format's own
 * literal and field steps (so `%Y-%m-%d %H:%M:%S` needs no delimiter search inside the time).
 * All time fields of one line are put together again in time.ts.
 *
 * Supported conversions: %Y %m %d %e %H %M %S %b %h %z %Z %s %T %F %R %% %n %t; anything else
 * (%y two-digit years, %a/%A/%B names, %p/%I 12-hour clocks, %c/%x/%X locale forms, …) makes the
 * whole `%{…}t` unsupported (one warning at the start, field skipped).
 */
import { Role, field, type FieldSpec, type FormatToken } from './fields';

export type StrftimeResult =
  | { readonly ok: true; readonly tokens: FormatToken[] }
  | { readonly ok: false; readonly reason: string };

function part(directive: string, key: string, width: number, timeOf: FieldSpec['timeOf']) {
  const spec = field(directive, Role.TIME_PART, key, width > 0 ? 'fixed' : 'token', width);
  return { kind: 'field' as const, spec: timeOf === undefined ? spec : { ...spec, timeOf } };
}

/** Expands the argument of one `%{…}t` directive. `directive` is the text as written. */
export function expandTimeArgument(directive: string, argument: string): StrftimeResult {
  let arg = argument;
  let timeOf: FieldSpec['timeOf'] = 'request-start';
  if (arg.startsWith('begin:')) arg = arg.slice(6);
  else if (arg.startsWith('end:')) {
    arg = arg.slice(4);
    timeOf = 'log-write';
  }
  switch (arg) {
    case 'sec':
      return { ok: true, tokens: [epoch(directive, 's', timeOf)] };
    case 'msec':
      return { ok: true, tokens: [epoch(directive, 'ms', timeOf)] };
    case 'usec':
      return { ok: true, tokens: [epoch(directive, 'us', timeOf)] };
    case 'msec_frac':
      return { ok: true, tokens: [part(directive, 'f3', 3, timeOf)] };
    case 'usec_frac':
      return { ok: true, tokens: [part(directive, 'f6', 6, timeOf)] };
    default:
      break;
  }
  if (arg === '') return { ok: false, reason: 'an empty time format' };
  const tokens: FormatToken[] = [];
  const lit = (text: string): void => {
    tokens.push({ kind: 'literal', text });
  };
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c !== '%') {
      lit(c ?? '');
      continue;
    }
    const d = arg[++i];
    switch (d) {
      case 'Y':
        tokens.push(part(directive, 'Y', 4, timeOf));
        break;
      case 'm':
      case 'd':
      case 'e':
      case 'H':
      case 'M':
      case 'S':
        tokens.push(part(directive, d, 2, timeOf));
        break;
      case 'b':
      case 'h':
        tokens.push(part(directive, 'b', 3, timeOf));
        break;
      case 'z':
        tokens.push(part(directive, 'z', 5, timeOf));
        break;
      case 'Z':
        tokens.push(part(directive, 'Z', 0, timeOf));
        break;
      case 's':
        tokens.push(part(directive, 's', 0, timeOf));
        break;
      case 'T':
        tokens.push(part(directive, 'H', 2, timeOf));
        lit(':');
        tokens.push(part(directive, 'M', 2, timeOf));
        lit(':');
        tokens.push(part(directive, 'S', 2, timeOf));
        break;
      case 'R':
        tokens.push(part(directive, 'H', 2, timeOf));
        lit(':');
        tokens.push(part(directive, 'M', 2, timeOf));
        break;
      case 'F':
        tokens.push(part(directive, 'Y', 4, timeOf));
        lit('-');
        tokens.push(part(directive, 'm', 2, timeOf));
        lit('-');
        tokens.push(part(directive, 'd', 2, timeOf));
        break;
      case '%':
        lit('%');
        break;
      case 'n':
        lit('\n');
        break;
      case 't':
        lit('\t');
        break;
      case undefined:
        return { ok: false, reason: 'the time format ends with a lone %' };
      default:
        return {
          ok: false,
          reason: `the strftime conversion %${d} is not supported (supported: %Y %m %d %e %H %M %S %b %h %z %Z %s %T %F %R)`,
        };
    }
  }
  return { ok: true, tokens };
}

function epoch(directive: string, unit: string, timeOf: FieldSpec['timeOf']): FormatToken {
  const spec = field(directive, Role.TIME_EPOCH, unit);
  return { kind: 'field', spec: timeOf === undefined ? spec : { ...spec, timeOf } };
}
