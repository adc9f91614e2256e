/**
 * The Attribution screen's last run per case, kept in memory while the window lives, so following
 * a "Show in timeline" link and coming back finds the same results, the same expanded row and the
 * run still saveable (main keeps it under its task id). Nothing here is the record of truth: a
 * saved run is in the case folder and the ledger.
 */
import type { AttributionRunValue } from '../../../shared/contracts';
import type { AttributionFormValues } from '../components/AttributionForm';

export interface AttributionMemory {
  readonly values: AttributionFormValues | null;
  readonly task: string | null;
  readonly run: AttributionRunValue | null;
  readonly open: number | null;
  readonly note: string;
  readonly savedSeq: number | null;
}

export const NOTHING_REMEMBERED: AttributionMemory = {
  values: null,
  task: null,
  run: null,
  open: null,
  note: '',
  savedSeq: null,
};

const memory = new Map<string, AttributionMemory>();
/** A few cases at most: each run may hold up to 200,000 results. */
const MAX_CASES = 3;

export function recallAttribution(caseId: string): AttributionMemory {
  return memory.get(caseId) ?? NOTHING_REMEMBERED;
}

export function rememberAttribution(caseId: string, state: AttributionMemory): void {
  memory.delete(caseId);
  memory.set(caseId, state);
  while (memory.size > MAX_CASES) {
    const oldest = memory.keys().next().value as string;
    memory.delete(oldest);
  }
}
