import { z } from 'zod';
import { CaseId, Hex64, TaskId } from './primitives';
import { PackageHandle } from './package-schemas';

/**
 * A field the redacted derivative withholds: a top-level event field name, or `identity.COLUMN`,
 * `extra.KEY`, `identity.*`, `extra.*` (the export checks the names against the event schema).
 */
export const WithheldField = z
  .string()
  .min(1)
  .max(240)
  .regex(/^(?:[A-Za-z][A-Za-z0-9]*|(?:identity|extra)\.(?:\*|.{1,200}))$/su, {
    message: 'not a field name (name, identity.COLUMN, extra.KEY, identity.* or extra.*)',
  })
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'contains a control character' });

export const ExportRunRequest = z
  .object({
    id: CaseId,
    /** Chosen by the caller so progress events can be matched before the call returns. */
    task: TaskId,
    form: z.enum(['folder', 'zip']),
    pageSize: z.enum(['A4', 'Letter']),
    /** Which events the report's timeline shows (events.jsonl always holds all of them). */
    events: z.enum(['bookmarked', 'all']),
    /** Embed the originals in the PDF as attachments. */
    attachOriginals: z.boolean(),
    /** Also write a redacted derivative for partners, withholding these fields; null: none. */
    redaction: z
      .object({ withhold: z.array(WithheldField).min(1).max(100) })
      .strict()
      .nullable(),
  })
  .strict();

/** One package an export wrote, opened for "Verify now" (`handle` names it to `package:*`). */
export const ExportedPackage = z
  .object({
    package: PackageHandle,
    packageId: z.string().max(100),
    manifestSha256: Hex64,
    files: z.number().int().min(0),
    bytes: z.number().int().min(0),
    redaction: z.enum(['none', 'redacted']),
    /** The fields withheld (redacted derivative only; empty otherwise). */
    withheld: z.array(z.string().max(240)),
  })
  .strict();

/** The full package first, then the redacted derivative when one was asked for. */
export const ExportRunResponse = z
  .object({ packages: z.array(ExportedPackage).min(1).max(2) })
  .strict();

/** An earlier export of the case, as its `export.created` ledger record tells it. */
export const ExportRecordView = z
  .object({
    seq: z.number().int().min(0),
    at: z.string(),
    by: z.string(),
    reason: z.string(),
    /** Where the export wrote it; the package may have been moved since. */
    path: z.string().nullable(),
    packageId: z.string().nullable(),
    manifestSha256: Hex64.nullable(),
    form: z.enum(['folder', 'zip']).nullable(),
    redaction: z.enum(['none', 'redacted']).nullable(),
    files: z.number().int().min(0).nullable(),
    bytes: z.number().int().min(0).nullable(),
    /** Ledger records the package holds (its checkpoint's size). */
    ledgerRecords: z.number().int().min(0).nullable(),
  })
  .strict();

export const ExportListing = z
  .object({
    exports: z.array(ExportRecordView),
    problems: z.array(z.object({ line: z.number().int(), message: z.string() }).strict()),
  })
  .strict();

export const EXPORT_CONTRACT = {
  'export:run': { request: ExportRunRequest, response: ExportRunResponse },
  'export:cancel': {
    request: z.object({ task: TaskId }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
  'export:list': { request: z.object({ id: CaseId }).strict(), response: ExportListing },
} as const;

export type ExportRunRequestValue = z.input<typeof ExportRunRequest>;
export type ExportedPackageValue = z.output<typeof ExportedPackage>;
export type ExportRecordViewValue = z.output<typeof ExportRecordView>;
