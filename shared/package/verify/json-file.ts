import type { z } from 'zod';
import { describeIssues } from '../../custody/record';
import { utf8Decode } from '../../custody/bytes';
import type { PackageFindingCode } from '../finding-codes';
import type { VerifyRun } from './run';

/** Strict UTF-8 JSON validated by `schema`; a finding with `code` (and null) when it is not. */
export function parseJsonFile<T>(
  run: VerifyRun,
  path: string,
  bytes: Uint8Array,
  schema: z.ZodType<T>,
  code: PackageFindingCode,
): T | null {
  const text = utf8Decode(bytes);
  if (text === null) {
    run.add(code, path, 'not UTF-8');
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    run.add(code, path, 'not JSON');
    return null;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    run.add(code, path, describeIssues(parsed.error));
    return null;
  }
  return parsed.data;
}
