import { concatBytes, toHex, utf8Encode } from '../custody/bytes';
import type { Sha256 } from '../custody/hash';
import type { AttributionResult, PathStep } from '../attribution/types';
import { InterchangeError } from '../errors';
import type { SealcaseEvent } from '../model/event';
import {
  DEFAULT_WITHHELD_FIELDS,
  NEVER_SCRUBBED,
  parseFieldList,
  type FieldSet,
} from './redact-fields';
import {
  COMMITMENT_SCHEME,
  REDACTION_STATEMENT_FORMAT,
  REDACTION_STATEMENT_VERSION,
  type RedactionStatement,
} from './redaction-statement';

export interface RedactorOptions {
  /** 32 random bytes from the caller, kept with the full package, never in the derivative. */
  readonly salt: Uint8Array;
  /** Field paths to withhold; `DEFAULT_WITHHELD_FIELDS` when absent. */
  readonly fields?: readonly string[];
  readonly sha256: Sha256;
}

type Pairs = Map<string, string>;
type Obj = Record<string, unknown>;

function bytes(text: string): Uint8Array {
  const b = utf8Encode(text);
  if (b === null) {
    throw new InterchangeError('INTERCHANGE_INPUT_INVALID', 'a value holds a lone surrogate');
  }
  return b;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every occurrence of each withheld value inside `text` in one pass (longest value first
 * where two overlap), so a commitment put in is never scanned again.
 */
function scrub(text: string, pairs: Pairs, count: () => void): string {
  const values = [...pairs.keys()].filter((v) => v !== '' && text.includes(v));
  if (values.length === 0) return text;
  const pattern = new RegExp(
    values
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
    'g',
  );
  return text.replace(pattern, (match) => {
    count();
    return pairs.get(match) as string;
  });
}

/**
 * Makes the redacted derivative of issue 8 (FORMAT.md §3): each withheld value becomes the salted
 * commitment `sha256:<hex>` of `COMMITMENT_SCHEME`. The same value in the same field gives the same
 * commitment (partners can still correlate), the salt's holder can prove any value, and nobody
 * without the salt can test a guess. Counts accumulate over every call for `statement()`.
 */
export class Redactor {
  private readonly salt: Uint8Array;
  private readonly fields: FieldSet;
  private readonly sha256: Sha256;
  private readonly memo = new Map<string, string>();
  private readonly occurrences = new Map<string, number>();
  private readonly distinct = new Map<string, number>();
  private readonly seen = new Set<string>();
  private inline = 0;
  private events = 0;
  private results = 0;

  constructor(options: RedactorOptions) {
    if (
      !(options.salt instanceof Uint8Array) ||
      options.salt.length !== COMMITMENT_SCHEME.saltBytes
    ) {
      throw new InterchangeError(
        'INTERCHANGE_SALT_INVALID',
        `the redaction salt must be exactly ${COMMITMENT_SCHEME.saltBytes} bytes`,
      );
    }
    this.salt = options.salt.slice();
    this.fields = parseFieldList(options.fields ?? DEFAULT_WITHHELD_FIELDS);
    this.sha256 = options.sha256;
  }

  /** `sha256:` + hex SHA-256(salt ‖ UTF-8(field) ‖ 0x00 ‖ UTF-8(value)). */
  async commit(field: string, value: string): Promise<string> {
    const key = `${field}\u0000${value}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const digest = await this.sha256(
      concatBytes(this.salt, bytes(field), new Uint8Array([0]), bytes(value)),
    );
    const c = `sha256:${toHex(digest)}`;
    this.memo.set(key, c);
    return c;
  }

  private async withhold(field: string, value: string, pairs: Pairs): Promise<string> {
    if (value === '') return value;
    const c = await this.commit(field, value);
    pairs.set(value, c);
    const key = `${field}\u0000${value}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.distinct.set(field, (this.distinct.get(field) ?? 0) + 1);
    }
    this.occurrences.set(field, (this.occurrences.get(field) ?? 0) + 1);
    return c;
  }

  /** A copy of the event with withheld fields committed; other fields unchanged but scrubbed. */
  async redactEvent(event: SealcaseEvent): Promise<SealcaseEvent> {
    this.events++;
    const out: Obj = { ...event };
    const pairs: Pairs = new Map();
    for (const [key, value] of Object.entries(event)) {
      if (key === 'identity' || key === 'extra') {
        const nested: Obj = { ...(value as Obj) };
        for (const [k, v] of Object.entries(nested)) {
          const path = `${key}.${k}`;
          if (!this.fields.has(path) || v === null) continue;
          nested[k] = await this.withhold(path, String(v), pairs);
        }
        out[key] = nested;
      } else if (this.fields.has(key) && typeof value === 'string') {
        out[key] = await this.withhold(key, value, pairs);
      } else if (this.fields.has(key) && Array.isArray(value)) {
        const list: unknown[] = [];
        for (const v of value)
          list.push(typeof v === 'string' ? await this.withhold(key, v, pairs) : v);
        out[key] = list;
      }
    }
    return this.scrubRecord(out, event, pairs) as SealcaseEvent;
  }

  /** Text fields left in clear lose any withheld value of the same record they contain. */
  private scrubRecord(out: Obj, original: Obj, pairs: Pairs): Obj {
    if (pairs.size === 0) return out;
    const count = () => this.inline++;
    for (const [key, value] of Object.entries(out)) {
      if (NEVER_SCRUBBED.has(key) || value !== original[key]) continue;
      if (typeof value === 'string') out[key] = scrub(value, pairs, count);
      else if (Array.isArray(value)) {
        out[key] = value.map((v: unknown) => (typeof v === 'string' ? scrub(v, pairs, count) : v));
      }
    }
    for (const key of ['identity', 'extra']) {
      const nested = out[key] as Obj | undefined;
      const before = original[key] as Obj | undefined;
      if (nested === undefined || before === undefined) continue;
      for (const [k, v] of Object.entries(nested)) {
        if (typeof v === 'string' && v === before[k]) nested[k] = scrub(v, pairs, count);
      }
    }
    return out;
  }

  /**
   * A copy of an attribution result: each account the path names is committed under the field
   * it was read from (`user`, `subscriber`, `mac`, `callingStationId`), so it matches the
   * commitment of the same value in the events; `subscribers` stay sorted (by commitment).
   */
  async redactResult(result: AttributionResult): Promise<AttributionResult> {
    this.results++;
    const pairs: Pairs = new Map();
    const fieldOf = new Map<string, string>();
    for (const step of result.path) {
      if (step.to.account !== undefined) {
        fieldOf.set(step.to.account, step.to.accountField ?? 'subscriber');
      }
    }
    const account = async (value: string): Promise<string> => {
      const field = fieldOf.get(value) ?? 'subscriber';
      return this.fields.has(field) ? this.withhold(field, value, pairs) : value;
    };
    const subscribers: string[] = [];
    for (const s of result.subscribers) subscribers.push(await account(s));
    const path: PathStep[] = [];
    for (const step of result.path) {
      path.push(
        step.to.account === undefined
          ? step
          : { ...step, to: { ...step.to, account: await account(step.to.account) } },
      );
    }
    const count = () => this.inline++;
    const text = (t: string) => (pairs.size === 0 ? t : scrub(t, pairs, count));
    return {
      ...result,
      subscribers: subscribers.sort(),
      path: path.map((p) => (p.note === undefined ? p : { ...p, note: text(p.note) })),
      reasons: result.reasons.map((r) => ({ ...r, message: text(r.message) })),
      caveat: text(result.caveat),
    };
  }

  /**
   * The distinct values withheld so far (in clear), for the caller's last check that none of them
   * is left in a file of the derivative. Never write them anywhere.
   */
  withheldValues(): string[] {
    const values = new Set<string>();
    for (const key of this.seen) values.add(key.slice(key.indexOf('\u0000') + 1));
    return [...values];
  }

  /** What was withheld, how, and from which full package (FORMAT.md §3). */
  statement(derivedFrom: { manifestSha256: string; packageId?: string }): RedactionStatement {
    if (!/^[0-9a-f]{64}$/.test(derivedFrom.manifestSha256)) {
      throw new InterchangeError(
        'INTERCHANGE_INPUT_INVALID',
        'derivedFrom.manifestSha256: not a lower-case SHA-256 hex',
        { where: 'derivedFrom.manifestSha256' },
      );
    }
    return {
      format: REDACTION_STATEMENT_FORMAT,
      version: REDACTION_STATEMENT_VERSION,
      derivedFrom: { ...derivedFrom },
      scheme: { ...COMMITMENT_SCHEME },
      requested: [...this.fields.requested],
      withheld: [...this.occurrences.keys()].sort().map((field) => ({
        field,
        values: this.occurrences.get(field) ?? 0,
        distinct: this.distinct.get(field) ?? 0,
      })),
      inlineReplacements: this.inline,
      records: { events: this.events, results: this.results },
    };
  }
}
