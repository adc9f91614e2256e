import { z } from 'zod';

/** `redaction.json` of a redacted derivative (FORMAT.md §3). Bump `version` on any change. */
export const REDACTION_STATEMENT_FORMAT = 'sealcase/redaction-statement' as const;
export const REDACTION_STATEMENT_VERSION = 1;

/** The commitment written in place of a withheld value (FORMAT.md §3.1). */
export const COMMITMENT_SCHEME = {
  name: 'sealcase-salted-sha256-v1',
  /** How a commitment is computed; `fieldName` is the withheld field path, e.g. `user`. */
  formula: '"sha256:" + hex(SHA-256(salt || UTF-8(fieldName) || 0x00 || UTF-8(value)))',
  saltBytes: 32,
  /** The salt stays with the holder of the full package: whoever has it can prove a value. */
  saltDisclosed: false,
} as const;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const WithheldField = z
  .object({
    /** Field path: `user`, `identity.Account`, `extra.User-Name`. */
    field: z.string().min(1).max(210),
    /** Values replaced by a commitment (occurrences). */
    values: z.number().int().min(0),
    /** Different values among them. */
    distinct: z.number().int().min(0),
  })
  .strict();

export const RedactionStatementV1 = z
  .object({
    format: z.literal(REDACTION_STATEMENT_FORMAT),
    version: z.literal(REDACTION_STATEMENT_VERSION),
    /** The full package this derivative was made from: the SHA-256 of its `manifest-sha256.txt`. */
    derivedFrom: z
      .object({ manifestSha256: Sha256Hex, packageId: z.string().min(1).max(200).optional() })
      .strict(),
    scheme: z
      .object({
        name: z.literal(COMMITMENT_SCHEME.name),
        formula: z.literal(COMMITMENT_SCHEME.formula),
        saltBytes: z.literal(COMMITMENT_SCHEME.saltBytes),
        saltDisclosed: z.literal(false),
      })
      .strict(),
    /** The field list asked for (patterns such as `identity.*` included as written). */
    requested: z.array(z.string().min(1).max(210)).max(1000),
    /** Per field path actually met: how many values were withheld. */
    withheld: z.array(WithheldField).max(100_000),
    /** Withheld values also found inside other text fields of the same record and replaced there. */
    inlineReplacements: z.number().int().min(0),
    records: z
      .object({ events: z.number().int().min(0), results: z.number().int().min(0) })
      .strict(),
    /**
     * Whole files the derivative leaves out because they hold withheld values in clear (the
     * originals always; a decision file when it names one), with the reason in words. Optional:
     * written by the export (shared/package FORMAT.md §10), absent from a bare `statement()`.
     */
    leftOut: z
      .object({
        originals: z.number().int().min(0),
        decisions: z.number().int().min(0),
        reason: z.string().min(1).max(4000),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RedactionStatement = z.infer<typeof RedactionStatementV1>;
