import canonicalize from 'canonicalize';
import { CustodyError } from '../errors';
import { utf8Length } from './bytes';

/**
 * Bounded RFC 8785 (JCS) canonicalisation. canonicalize 4.0.0 recurses, so nesting depth is
 * checked first, iteratively; the size bound applies to the UTF-8 bytes of the result.
 */

/** Deepest nesting accepted: the record object is depth 1, `subject.artefacts` depth 3. */
export const MAX_JSON_DEPTH = 16;
/** Largest canonical record or checkpoint line, in UTF-8 bytes (without the newline). */
export const MAX_RECORD_BYTES = 1_048_576;

export interface JsonBounds {
  readonly maxDepth: number;
  readonly maxBytes: number;
}

export const DEFAULT_BOUNDS: JsonBounds = { maxDepth: MAX_JSON_DEPTH, maxBytes: MAX_RECORD_BYTES };

/**
 * Checks that `value` is plain JSON (null, boolean, finite number, string, array, plain object)
 * nested at most `maxDepth` deep. Returns a message describing the first problem, or `null`.
 * Cycles are caught by the depth bound.
 */
export function jsonProblem(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string | null {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === 'boolean' || typeof v === 'string') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'a number is not finite';
      continue;
    }
    if (typeof v !== 'object') return `a value of type ${typeof v} is not JSON`;
    if (depth > maxDepth) return `nested deeper than ${maxDepth} levels`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return 'an object is not a plain JSON object';
    for (const key of Object.keys(v)) stack.push([(v as Record<string, unknown>)[key], depth + 1]);
  }
  return null;
}

/** The RFC 8785 canonical form of `value`, or a CustodyError `CUSTODY_NOT_CANONICAL`. */
export function canonicalJson(value: unknown, bounds: JsonBounds = DEFAULT_BOUNDS): string {
  const problem = jsonProblem(value, bounds.maxDepth);
  if (problem !== null)
    throw new CustodyError('CUSTODY_NOT_CANONICAL', `not canonicalisable: ${problem}`);
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new CustodyError('CUSTODY_NOT_CANONICAL', `not canonicalisable: ${String(error)}`, {
      cause: error,
    });
  }
  if (text === undefined) throw new CustodyError('CUSTODY_NOT_CANONICAL', 'not canonicalisable');
  if (utf8Length(text) > bounds.maxBytes) {
    throw new CustodyError(
      'CUSTODY_NOT_CANONICAL',
      `canonical form is larger than ${bounds.maxBytes} bytes`,
    );
  }
  return text;
}
