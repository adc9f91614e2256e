import { z } from 'zod';
import { CustodyRecordView, Hex64, TaskId } from './primitives';

/**
 * A package main opened (picked by the user or just written by an export). The renderer never
 * names a path: it passes `handle` back, so `package:*` reads only what the user chose.
 */
export const PackageHandle = z
  .object({
    handle: TaskId,
    path: z.string(),
    name: z.string(),
    form: z.enum(['folder', 'zip']),
  })
  .strict();

const Finding = z
  .object({ code: z.string().max(64), file: z.string(), message: z.string() })
  .strict();

/** One verification step (shared/package/FORMAT.md §7) and what it found. */
export const PackageCheckView = z
  .object({
    id: z.string().max(64),
    title: z.string(),
    status: z.enum(['pass', 'fail', 'skipped']),
    detail: z.string(),
  })
  .strict();

const Cert = z.object({ sha256: Hex64, subject: z.string() }).strict();

export const PackageVerificationView = z
  .object({
    valid: z.boolean(),
    findings: z.array(Finding).max(100_000),
    checks: z.array(PackageCheckView),
    summary: z
      .object({
        form: z.enum(['folder', 'zip']),
        packageId: z.string().nullable(),
        caseNumber: z.string().nullable(),
        files: z.number().int().min(0),
        bytes: z.number().int().min(0),
        manifestSha256: Hex64.nullable(),
        ledger: z
          .object({ records: z.number().int().min(0), root: Hex64 })
          .strict()
          .nullable(),
        /** Trust anchors used: the recipient compares them with the lab's published fingerprint. */
        anchors: z.array(Cert),
        signer: Cert.nullable(),
      })
      .strict(),
    verifiedAt: z.string(),
  })
  .strict();

export const PackageArtefactView = z
  .object({
    sha256: Hex64,
    name: z.string(),
    size: z.number().int().min(0).nullable(),
    md5: z.string().nullable(),
    sha1: z.string().nullable(),
    acquiredAt: z.string().nullable(),
    acquiredBy: z.string().nullable(),
    receivedFrom: z.string().nullable(),
    /** Its bag path under data/originals/, or null when the package holds no copy. */
    bagPath: z.string().nullable(),
  })
  .strict();

export const PackageRecordView = CustodyRecordView;

/** What the package holds, read-only, as far as it could be read (problems say what could not). */
export const PackageView = z
  .object({
    case: z
      .object({
        number: z.string(),
        title: z.string(),
        authority: z.string().nullable(),
        created: z.string().nullable(),
      })
      .strict()
      .nullable(),
    bagInfo: z
      .object({
        packageId: z.string().nullable(),
        baggingDate: z.string().nullable(),
        organisation: z.string().nullable(),
        contact: z.string().nullable(),
        software: z.string().nullable(),
        redaction: z.string().nullable(),
        fullPackage: z.string().nullable(),
      })
      .strict()
      .nullable(),
    certificates: z.array(
      z
        .object({
          sha256: Hex64,
          role: z.string(),
          anchor: z.boolean(),
          subject: z.string(),
        })
        .strict(),
    ),
    artefacts: z.array(PackageArtefactView),
    custody: z.object({ records: z.array(PackageRecordView), total: z.number().int() }).strict(),
    events: z
      .object({ count: z.number().int().min(0), byType: z.record(z.string(), z.number().int()) })
      .strict()
      .nullable(),
    attributionResults: z.number().int().min(0).nullable(),
    report: z
      .object({ bagPath: z.string(), location: z.string(), bytes: z.number().int().min(0) })
      .strict()
      .nullable(),
    problems: z.array(Finding),
  })
  .strict();

export const PACKAGE_CONTRACT = {
  'package:open': {
    request: z.object({ kind: z.enum(['folder', 'zip']) }).strict(),
    response: z.object({ package: PackageHandle.nullable() }).strict(),
  },
  'package:verify': {
    request: z.object({ package: TaskId, task: TaskId }).strict(),
    response: PackageVerificationView,
  },
  'package:view': {
    request: z.object({ package: TaskId }).strict(),
    response: PackageView,
  },
  'package:cancel': {
    request: z.object({ task: TaskId }).strict(),
    response: z.object({ cancelled: z.boolean() }).strict(),
  },
} as const;

export type PackageHandleValue = z.output<typeof PackageHandle>;
export type PackageVerificationValue = z.output<typeof PackageVerificationView>;
export type PackageViewValue = z.output<typeof PackageView>;
export type PackageArtefactViewValue = z.output<typeof PackageArtefactView>;
export type PackageRecordViewValue = z.output<typeof PackageRecordView>;
