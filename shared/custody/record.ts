import { z } from 'zod';

/** Ledger format version (FORMAT.md). */
export const LEDGER_VERSION = 1;
export const LEDGER_FILE_NAME = 'ledger.jsonl';
export const CHECKPOINTS_DIR = 'checkpoints';

export const LEDGER_ACTIONS = [
  'case.created',
  'examiner.added',
  'artefact.acquired',
  'artefact.verified',
  'analysis.recorded',
  'custody.transferred',
  'custody.accepted',
  'export.created',
  'ledger.recovered',
  'checkpoint.signed',
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

function isRealUtcMs(s: string): boolean {
  const t = Date.parse(s);
  return Number.isFinite(t) && new Date(t).toISOString() === s;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, a real instant (no 24:00, no Feb 30). */
export const UtcMs = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'expected ISO 8601 UTC with milliseconds and Z',
  )
  .refine(isRealUtcMs, 'not a real UTC instant');

function noControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** Standard base64 with padding (strictness of the encoding is checked by `fromBase64`). */
export const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');

export const Actor = z
  .object({
    name: z.string().min(1).max(200).refine(noControl, 'name contains control characters'),
    /** SHA-256 (hex) of the signer's DER certificate. */
    cert: Sha256Hex,
  })
  .strict();

export const Subject = z
  .object({
    artefacts: z.array(Sha256Hex).max(100_000).optional(),
    ids: z.array(z.string().min(1).max(500)).max(100_000).optional(),
  })
  .strict();

export const Tool = z
  .object({ sealcase: z.string().min(1).max(100) })
  .catchall(z.string().max(200));

const JsonObject = z.record(z.string(), z.unknown());

/** Details the verifier relies on, by action; other actions keep a free JSON object. */
const DETAILS: Partial<Record<LedgerAction, z.ZodType>> = {
  'examiner.added': z.object({ examiner: Actor }).loose(),
  'analysis.recorded': z.object({ sha256: Sha256Hex }).loose(),
  'custody.transferred': z.object({ to: Actor }).loose(),
  'custody.accepted': z.object({ transfer: Sha256Hex }).loose(),
  'ledger.recovered': z
    .object({
      quarantine: z
        .object({ file: z.string().min(1), sha256: Sha256Hex, bytes: z.number().int().min(1) })
        .strict(),
    })
    .loose(),
  'checkpoint.signed': z
    .object({ size: z.number().int().min(1), root: Sha256Hex, checkpoint: Sha256Hex })
    .loose(),
};

const NEEDS_ARTEFACTS: ReadonlySet<LedgerAction> = new Set([
  'artefact.acquired',
  'artefact.verified',
]);

const unsignedShape = {
  v: z.literal(LEDGER_VERSION),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  prev: Sha256Hex,
  at: UtcMs,
  actor: Actor,
  action: z.enum(LEDGER_ACTIONS),
  subject: Subject,
  reason: z.string().min(1).max(4000),
  details: JsonObject,
  tool: Tool,
};

function actionRules(
  r: {
    action: LedgerAction;
    details: Record<string, unknown>;
    subject: { artefacts?: string[] | undefined };
  },
  ctx: z.RefinementCtx,
): void {
  const schema = DETAILS[r.action];
  if (schema !== undefined) {
    const result = schema.safeParse(r.details);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['details', ...issue.path], message: issue.message });
      }
    }
  }
  if (NEEDS_ARTEFACTS.has(r.action) && (r.subject.artefacts?.length ?? 0) === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['subject', 'artefacts'],
      message: `${r.action} names no artefact`,
    });
  }
}

export const UnsignedRecordV1 = z.object(unsignedShape).strict().superRefine(actionRules);
export const LedgerRecordV1 = z
  .object({ ...unsignedShape, sig: Base64 })
  .strict()
  .superRefine(actionRules);

export type LedgerRecord = z.infer<typeof LedgerRecordV1>;
export type UnsignedRecord = z.infer<typeof UnsignedRecordV1>;
export type ActorRef = z.infer<typeof Actor>;
export type SubjectRef = z.infer<typeof Subject>;

const checkpointShape = {
  v: z.literal(LEDGER_VERSION),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  root: Sha256Hex,
  at: UtcMs,
  actor: Actor,
};
export const UnsignedCheckpointV1 = z.object(checkpointShape).strict();
export const CheckpointV1 = z.object({ ...checkpointShape, sig: Base64 }).strict();
export type Checkpoint = z.infer<typeof CheckpointV1>;
export type UnsignedCheckpoint = z.infer<typeof UnsignedCheckpointV1>;

/** `checkpoints/NNNNNNNN.json`: the tree size, zero-padded to 8 digits (wider past 99,999,999). */
export function checkpointFileName(size: number): string {
  return `${CHECKPOINTS_DIR}/${String(size).padStart(8, '0')}.json`;
}

/** One line per problem, "path: message", for error messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'}: ${i.message}`)
    .join('; ');
}
