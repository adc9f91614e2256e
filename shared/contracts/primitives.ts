import { z } from 'zod';

/** A case folder's name inside the workspace's cases folder: one path segment, nothing else. */
export const CaseId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.sealcase$/, 'not a case folder name');

/** Lower-case hex SHA-256. */
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A task or handle chosen by one side to name long work or an opened thing. */
export const TaskId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9-]+$/);

/** One ledger record as the Custody screen and the Open-package screen show it. */
export const CustodyRecordView = z
  .object({
    seq: z.number().int().nonnegative(),
    at: z.string(),
    actor: z.object({ name: z.string(), cert: Hex64 }).strict(),
    action: z.string(),
    artefacts: z.array(Hex64),
    ids: z.array(z.string()),
    reason: z.string(),
    hash: Hex64,
  })
  .strict();
