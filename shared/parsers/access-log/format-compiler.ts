/**
 * Compiles a log format ONCE into the step list the line scanner (scanner.ts) walks: literals
 * that must match exactly, and fields that read up to the next literal (or a fixed width, or a
 * `[…]` block, or a `"…"` string with `\"` escapes when the field sits between quotes). No regular
 * expression and no backtracking: each line is read left to right once.
 *
 * Apache vs nginx: a string with a `%` directive is an Apache `LogFormat`; one with `$variables`
 * and no `%` directive is an nginx `log_format`. The names `common`, `combined` and
 * `vhost_combined` select the predefined formats.
 */
import { hasApacheDirective, tokenizeApacheFormat, unquoteApacheFormat } from './apache-format';
import { Role, field, type FieldSpec, type FormatToken } from './fields';
import { hasNginxVariable, tokenizeNginxFormat, unquoteNginxFormat } from './nginx-format';

/** Field read modes in the compiled steps (numbers: the scanner switches on them). */
export const Mode = { LITERAL: 0, TOKEN: 1, QUOTED: 2, BRACKET: 3, FIXED: 4 } as const;

/** One step; every step has the same shape (one hidden class for the scanner). */
export interface Step {
  readonly mode: number;
  /** LITERAL: the text to match. Field: the next literal of the format ('' = none: end of line). */
  readonly text: string;
  /** Field: index into `fields` (and the scanner's start/end arrays); -1 for literals. */
  readonly slot: number;
  /** FIXED: number of characters. */
  readonly width: number;
}

/** How the event time is read from the fields of a line. */
export type TimePlan =
  | { readonly kind: 'none' }
  /** One field: `%t`/`$time_local`, `$time_iso8601`, `$msec`, `%{sec}t`… */
  | { readonly kind: 'single'; readonly slot: number }
  /** Apache `%{…}t` fields put together (strftime parts, `sec` + `msec_frac`, …). */
  | { readonly kind: 'group'; readonly slots: readonly number[] };

export interface CompiledFormat {
  /** `common`, `combined`, `vhost_combined`, or `custom`. */
  readonly name: string;
  readonly syntax: 'apache' | 'nginx';
  /** The format text as compiled. */
  readonly text: string;
  readonly steps: readonly Step[];
  readonly fields: readonly FieldSpec[];
  readonly time: TimePlan;
  /** Request start (Apache `%t`) or log-write (nginx, `%{end:…}t`); null when unknown. */
  readonly timeOf: 'request-start' | 'log-write' | null;
  readonly hasClientPort: boolean;
  readonly hasPeerIp: boolean;
  /** Text after the last step is accepted (into `extra.trailing`) when it starts with a space. */
  readonly allowTrailing: boolean;
  /** Problems found while compiling (unknown directives, ambiguous layouts): warnings at start. */
  readonly problems: readonly string[];
}

export const APACHE_DEFAULT_FORMATS: Readonly<Record<string, string>> = {
  common: '%h %l %u %t "%r" %>s %b',
  combined: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"',
  vhost_combined: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
};

/** Auto-detection tries these, most specific first. */
export const AUTO_FORMAT_NAMES = ['vhost_combined', 'combined', 'common'] as const;

function endsWithQuote(step: Step | undefined): boolean {
  return step !== undefined && step.mode === Mode.LITERAL && step.text.endsWith('"');
}

function startsWithQuote(step: Step | undefined): boolean {
  return step !== undefined && step.mode === Mode.LITERAL && step.text.startsWith('"');
}

/** Builds the steps and time plan from tokens. */
export function compileTokens(
  name: string,
  syntax: 'apache' | 'nginx',
  text: string,
  input: readonly FormatToken[],
  problems: string[],
  allowTrailing: boolean,
): CompiledFormat {
  // Merge adjacent literals.
  const tokens: FormatToken[] = [];
  for (const t of input) {
    const last = tokens[tokens.length - 1];
    if (t.kind === 'literal' && last !== undefined && last.kind === 'literal') {
      tokens[tokens.length - 1] = { kind: 'literal', text: last.text + t.text };
    } else if (t.kind === 'field' || t.text !== '') {
      tokens.push(t);
    }
  }

  // Choose the time source: the first time field in format order; Apache %{…}t fields form a group.
  const fields: FieldSpec[] = [];
  for (const t of tokens) if (t.kind === 'field') fields.push(t.spec);
  const isGroupMember = (f: FieldSpec): boolean =>
    f.role === Role.TIME_PART || (f.role === Role.TIME_EPOCH && f.directive.startsWith('%'));
  const isTime = (f: FieldSpec): boolean =>
    f.role === Role.TIME_APACHE ||
    f.role === Role.TIME_ISO ||
    f.role === Role.TIME_EPOCH ||
    f.role === Role.TIME_PART;
  const firstTime = fields.findIndex(isTime);
  let time: TimePlan = { kind: 'none' };
  let timeOf: CompiledFormat['timeOf'] = null;
  if (firstTime >= 0) {
    const first = fields[firstTime] as FieldSpec;
    timeOf = first.timeOf ?? (syntax === 'apache' ? 'request-start' : 'log-write');
    if (isGroupMember(first)) {
      const slots: number[] = [];
      fields.forEach((f, i) => {
        if (isGroupMember(f)) slots.push(i);
      });
      time =
        slots.length === 1 && first.role === Role.TIME_EPOCH
          ? { kind: 'single', slot: firstTime }
          : { kind: 'group', slots };
    } else {
      time = { kind: 'single', slot: firstTime };
    }
    // Time fields that are not the event time are kept as text in extra.
    const used = new Set(
      time.kind === 'single' ? [firstTime] : time.kind === 'group' ? time.slots : [],
    );
    fields.forEach((f, i) => {
      if (isTime(f) && !used.has(i)) {
        fields[i] = field(
          f.directive,
          Role.EXTRA,
          `time:${f.directive}`,
          f.mode === 'fixed' ? 'fixed' : 'token',
          f.width,
        );
      }
    });
  } else {
    problems.push('the format has no time field: events will have no time (ts null)');
  }

  // Steps.
  const steps: Step[] = [];
  let slot = 0;
  for (const t of tokens) {
    if (t.kind === 'literal') {
      steps.push({ mode: Mode.LITERAL, text: t.text, slot: -1, width: 0 });
    } else {
      const f = fields[slot] as FieldSpec;
      const mode =
        f.mode === 'fixed' ? Mode.FIXED : f.mode === 'bracket' ? Mode.BRACKET : Mode.TOKEN;
      steps.push({ mode, text: '', slot, width: f.width });
      slot++;
    }
  }
  // Each field's delimiter: the next literal; quoted fields; adjacent-field ambiguity.
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k] as Step;
    if (s.mode === Mode.LITERAL || s.mode === Mode.FIXED) continue;
    let next = '';
    for (let j = k + 1; j < steps.length; j++) {
      const n = steps[j] as Step;
      if (n.mode === Mode.LITERAL) {
        next = n.text;
        break;
      }
      if (j === k + 1 && n.mode !== Mode.FIXED) {
        problems.push(
          `${fields[s.slot]?.directive ?? '?'} is followed directly by ${fields[n.slot]?.directive ?? '?'} with nothing between them: the second reads as empty`,
        );
      }
    }
    const quoted = endsWithQuote(steps[k - 1]) && startsWithQuote(steps[k + 1]);
    steps[k] = { mode: quoted ? Mode.QUOTED : s.mode, text: next, slot: s.slot, width: s.width };
  }

  return {
    name,
    syntax,
    text,
    steps,
    fields,
    time,
    timeOf,
    hasClientPort: fields.some((f) => f.role === Role.CLIENT_PORT),
    hasPeerIp: fields.some((f) => f.role === Role.PEER_IP),
    allowTrailing,
    problems,
  };
}

export function compileApacheFormat(
  name: string,
  text: string,
  allowTrailing = false,
): CompiledFormat {
  const r = tokenizeApacheFormat(text);
  const problems = r.unknown.map((u) => `Apache format: ${u}; that field is skipped`);
  return compileTokens(name, 'apache', text, r.tokens, problems, allowTrailing);
}

export function compileNginxFormat(name: string, text: string): CompiledFormat {
  const r = tokenizeNginxFormat(text);
  const problems = r.unknown.map((u) => `nginx format: ${u}; that field is skipped`);
  return compileTokens(name, 'nginx', text, r.tokens, problems, false);
}

/** The predefined formats used by auto-detection (trailing text tolerated). */
export function compileDefaultFormats(): CompiledFormat[] {
  return AUTO_FORMAT_NAMES.map((n) =>
    compileApacheFormat(n, APACHE_DEFAULT_FORMATS[n] ?? '', true),
  );
}

export type CompileResult =
  | { readonly ok: true; readonly format: CompiledFormat }
  | { readonly ok: false; readonly reason: string };

/** Compiles `--log-format`: a predefined name, an Apache LogFormat or an nginx log_format. */
export function compileLogFormat(raw: string): CompileResult {
  const trimmed = raw.trim();
  const named = APACHE_DEFAULT_FORMATS[trimmed];
  if (named !== undefined) return { ok: true, format: compileApacheFormat(trimmed, named) };
  const apacheText = unquoteApacheFormat(trimmed);
  if (hasApacheDirective(apacheText)) {
    return { ok: true, format: compileApacheFormat('custom', apacheText) };
  }
  const nginxText = unquoteNginxFormat(trimmed);
  if (hasNginxVariable(nginxText)) {
    return { ok: true, format: compileNginxFormat('custom', nginxText) };
  }
  return {
    ok: false,
    reason: `the log format "${trimmed.length > 80 ? `${trimmed.slice(0, 77)}…` : trimmed}" has neither Apache % directives nor nginx $variables`,
  };
}
