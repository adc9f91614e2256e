/**
 * Touching ahead: the replays and the gather read the memory of the next few records before
 * working on them, so that their cache misses overlap instead of coming one after another. The
 * values read are summed and kept here, so that the reads are not optimised away.
 */
let kept = 0;

/** Keeps `value` (a sum of values read ahead). */
export function keep(value: number): void {
  kept = value;
}

/** The last value kept (nothing depends on it). */
export function lastKept(): number {
  return kept;
}
