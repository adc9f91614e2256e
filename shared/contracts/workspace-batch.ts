import { z } from 'zod';
import { checkWirePage } from '../workspace';
import { ParseWarning } from '../model';

/** Epoch ms, or `Infinity` for a page of untimed events (zod's number refuses Infinity). */
const pageTime = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), 'not a time');
const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'not a Float64Array');
const u8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'not a Uint8Array');
const u16 = z.custom<Uint16Array>((v) => v instanceof Uint16Array, 'not a Uint16Array');
const u32 = z.custom<Uint32Array>((v) => v instanceof Uint32Array, 'not a Uint32Array');

/**
 * One page of events from main's parse worker (`shared/workspace/wire-page.ts`, wire version 2):
 * typed arrays checked by type here, then the page as a whole by `checkWirePage` (lengths, CSR
 * bounds, refs inside their dictionaries, times ascending, type codes, newline-ended bodies). The
 * events inside `json` are not checked one by one: they come from main's own parsers.
 */
export const WirePageSchema = z
  .object({
    seq: z.number().int().min(0),
    count: z.number().int().min(1),
    minTs: pageTime,
    maxTs: pageTime,
    typeMask: z.number().int(),
    ts: f64,
    types: u8,
    ip4: u32,
    ip6: u8,
    ipStart: u32,
    ipRefs: u32,
    portStart: u32,
    portLo: u16,
    portHi: u16,
    accounts: z.array(z.string()),
    accStart: u32,
    accRefs: u32,
    json: z.string(),
    offsets: u32,
  })
  .strict()
  .superRefine((page, ctx) => {
    const problem = checkWirePage(page);
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/** `workspace:next`: the next whole pages of the stream (at least one unless done). */
export const WorkspaceBatch = z
  .object({
    pages: z.array(WirePageSchema).max(1000),
    warnings: z.array(ParseWarning),
    done: z.boolean(),
    parser: z.object({ name: z.string(), version: z.string() }).strict().nullable(),
    bytes: z.number().int().min(0),
    total: z.number().int().min(0),
  })
  .strict();
