/**
 * Validators of the JSON files the package format defines (FORMAT.md §6). Pure.
 */
import { z } from 'zod';
import { CheckpointV1 } from '../custody/record';
import { PACKAGE_ID_PATTERN } from './layout';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const Size = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const TreeHeadRefV1 = z.object({ size: Size, root: Hex64, hash: Hex64 }).strict();

export const ProofsV1 = z
  .object({
    v: z.literal(1),
    checkpoint: TreeHeadRefV1,
    inclusion: z.array(
      z
        .object({
          seq: z.number().int().min(0),
          record: Hex64,
          path: z.array(Hex64).max(64),
        })
        .strict(),
    ),
    consistency: z
      .object({
        previous: z
          .object({
            packageId: z.string().regex(PACKAGE_ID_PATTERN),
            manifestSha256: Hex64,
            checkpoint: CheckpointV1,
          })
          .strict(),
        path: z.array(Hex64).max(128),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.inclusion.length !== p.checkpoint.size) {
      ctx.addIssue({ code: 'custom', path: ['inclusion'], message: 'one proof per record' });
      return;
    }
    p.inclusion.forEach((e, i) => {
      if (e.seq !== i)
        ctx.addIssue({ code: 'custom', path: ['inclusion', i, 'seq'], message: `expected ${i}` });
    });
    const prev = p.consistency?.previous.checkpoint;
    if (prev !== undefined && prev.size > p.checkpoint.size) {
      ctx.addIssue({
        code: 'custom',
        path: ['consistency', 'previous', 'checkpoint', 'size'],
        message: 'the previous checkpoint is larger than this one',
      });
    }
  });
export type ProofsV1 = z.infer<typeof ProofsV1>;

export const CERT_ROLES = ['examiner', 'lab-ca'] as const;
export type CertRole = (typeof CERT_ROLES)[number];

export const CertIndexV1 = z
  .object({
    v: z.literal(1),
    certs: z
      .array(
        z
          .object({
            sha256: Hex64,
            role: z.enum(CERT_ROLES),
            anchor: z.boolean(),
            subject: z.string().max(2000),
          })
          .strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict()
  .superRefine((x, ctx) => {
    for (let i = 1; i < x.certs.length; i++) {
      if (x.certs[i - 1]!.sha256 >= x.certs[i]!.sha256) {
        ctx.addIssue({
          code: 'custom',
          path: ['certs', i],
          message: 'not sorted by sha256 or repeated',
        });
      }
    }
    if (!x.certs.some((c) => c.anchor)) {
      ctx.addIssue({ code: 'custom', path: ['certs'], message: 'no anchor' });
    }
  });
export type CertIndexV1 = z.infer<typeof CertIndexV1>;

/** One line of `data/attribution.jsonl` (the result itself is the engine's, checked by hash). */
export const AttributionLineV1 = z
  .object({ run: Hex64, result: z.record(z.string(), z.unknown()) })
  .strict();
export type AttributionLineV1 = z.infer<typeof AttributionLineV1>;

/** `details` of the `export.created` ledger record the export appends (FORMAT.md §9). */
export const ExportCreatedDetailsV1 = z
  .object({
    packageId: z.string().regex(PACKAGE_ID_PATTERN),
    manifestSha256: Hex64,
    tagmanifestSha256: Hex64,
    files: z.number().int().min(1),
    bytes: z.number().int().min(0),
    checkpoint: TreeHeadRefV1,
    redaction: z.enum(['none', 'redacted']),
    /** A redacted derivative: the manifest SHA-256 of the full package it was derived from. */
    fullPackage: Hex64.optional(),
    form: z.enum(['folder', 'zip']),
    /** Where the examiner's machine wrote it (informative only). */
    path: z.string().max(4096).optional(),
  })
  .strict();
export type ExportCreatedDetailsV1 = z.infer<typeof ExportCreatedDetailsV1>;
