/**
 * `bag-info.txt` (FORMAT.md §3): labels in a fixed order, one line each, validated by zod. Pure.
 */
import { z } from 'zod';
import { utf8Decode } from '../custody/bytes';
import { PACKAGE_ID_PATTERN } from './layout';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Value = z
  .string()
  .min(1)
  .max(1000)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed')
  .refine((s) => s.trim() === s, 'no leading or trailing spaces');
const Count = z.string().regex(/^(0|[1-9]\d{0,15})$/);

export const BagInfoV1 = z
  .object({
    'Bagging-Date': z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    'Payload-Oxum': z.string().regex(/^(0|[1-9]\d{0,18})\.(0|[1-9]\d{0,9})$/),
    'External-Identifier': z.string().regex(PACKAGE_ID_PATTERN),
    'Source-Organization': Value,
    'Contact-Name': Value,
    'External-Description': Value,
    'Bag-Software-Agent': Value,
    'Sealcase-Package-Version': z.literal('1'),
    'Sealcase-Case-Number': Value,
    'Sealcase-Case-Id': z.uuid(),
    'Sealcase-Tool-Version': Value,
    'Sealcase-Redaction': z.enum(['none', 'redacted']),
    'Sealcase-Full-Package': Hex64.optional(),
    'Sealcase-Ledger-Size': Count,
    'Sealcase-Checkpoint-Root': Hex64,
  })
  .strict()
  .superRefine((v, ctx) => {
    const redacted = v['Sealcase-Redaction'] === 'redacted';
    if (redacted !== (v['Sealcase-Full-Package'] !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['Sealcase-Full-Package'],
        message: 'Sealcase-Full-Package is required exactly when Sealcase-Redaction is redacted',
      });
    }
  });
export type BagInfo = z.infer<typeof BagInfoV1>;

/** Label order of the written file. */
export const BAG_INFO_LABELS = Object.keys(BagInfoV1.shape) as (keyof BagInfo)[];

/** `Payload-Oxum` for a payload of `bytes` octets in `files` files. */
export function payloadOxum(bytes: number, files: number): string {
  return `${bytes}.${files}`;
}

/** The file text; validates first (throws the ZodError: a writer bug). */
export function formatBagInfo(info: BagInfo): string {
  const valid = BagInfoV1.parse(info);
  let out = '';
  for (const label of BAG_INFO_LABELS) {
    const value = valid[label];
    if (value !== undefined) out += `${label}: ${value}\n`;
  }
  return out;
}

export type BagInfoParse =
  { ok: true; info: BagInfo } | { ok: false; line: number; message: string };

/** Strict parse: UTF-8, `Label: value\n` lines, no repeats, then `BagInfoV1`. */
export function parseBagInfo(bytes: Uint8Array): BagInfoParse {
  const text = utf8Decode(bytes);
  if (text === null) return { ok: false, line: 0, message: 'not UTF-8' };
  const lines = text.split('\n');
  if (lines.pop() !== '') return { ok: false, line: lines.length + 1, message: 'no final newline' };
  const fields: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z0-9-]+): (.*)$/.exec(lines[i]!);
    if (m === null) return { ok: false, line: i + 1, message: 'expected "Label: value"' };
    if (Object.hasOwn(fields, m[1]!)) {
      return { ok: false, line: i + 1, message: `label ${m[1]} repeated` };
    }
    fields[m[1]!] = m[2]!;
  }
  const parsed = BagInfoV1.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const label = issue.path.length > 0 ? String(issue.path[0]) : '(file)';
    const line = lines.findIndex((l) => l.startsWith(`${label}:`)) + 1;
    return { ok: false, line, message: `${label}: ${issue.message}` };
  }
  return { ok: true, info: parsed.data };
}
