import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SealcaseEvent } from '../../../../../shared/model';
import { a10CgnParser } from '../../../../../shared/parsers/a10-cgn';
import { ciscoCgnParser } from '../../../../../shared/parsers/cisco-cgn';
import { conntrackParser } from '../../../../../shared/parsers/conntrack';
import { f5LsnParser } from '../../../../../shared/parsers/f5-lsn';
import { juniperNatParser } from '../../../../../shared/parsers/juniper-nat';
import {
  parseAll,
  parseText,
  validateParseOptions,
  type CollectedRun,
  type Parser,
} from '../../../../../shared/parsers';

export const NAT_PARSERS: readonly Parser[] = [
  juniperNatParser,
  ciscoCgnParser,
  a10CgnParser,
  f5LsnParser,
  conntrackParser,
];

export function fixture(name: string): string {
  return readFileSync(
    fileURLToPath(new URL(`../../../../fixtures/nat/${name}`, import.meta.url)),
    'utf8',
  );
}

/** Synchronous run with schema validation; fails the test on any PARSER_EVENT_INVALID. */
export function run(
  parser: Parser,
  text: string | readonly string[],
  options: Record<string, unknown> = {},
): CollectedRun {
  const result = parseText(parser, text, {
    options: validateParseOptions(options),
    validateEvents: true,
  });
  const invalid = result.warnings.filter((w) => w.code === 'PARSER_EVENT_INVALID');
  if (invalid.length > 0) throw new Error(`invalid events: ${JSON.stringify(invalid)}`);
  for (const e of result.events) {
    const checked = SealcaseEvent.safeParse(e);
    if (!checked.success) throw new Error(`schema: ${checked.error.message}`);
  }
  return result;
}

export async function runAsync(
  parser: Parser,
  chunks: readonly string[],
  options: Record<string, unknown> = {},
): Promise<CollectedRun> {
  return parseAll(parser, chunks, {
    options: validateParseOptions(options),
    validateEvents: true,
  });
}

export function codes(r: CollectedRun): string[] {
  return r.warnings.map((w) => w.code);
}
