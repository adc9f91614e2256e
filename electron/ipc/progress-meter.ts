import type { ProgressEventValue } from '../../shared/contracts';

/**
 * Progress of one task, at most one event per `everyMs` (and always the last one of a phase),
 * with the rate since the phase began and the time left at that rate.
 */
export function progressMeter(
  emit: (event: Partial<ProgressEventValue>) => void,
  unit: ProgressEventValue['unit'],
  now: () => number = Date.now,
  everyMs = 100,
): (phase: string, done: number, total: number) => void {
  let phaseName: string | null = null;
  let start = 0;
  let last = -Infinity;
  return (phase, done, total) => {
    const t = now();
    if (phase !== phaseName) {
      phaseName = phase;
      start = t;
      last = -Infinity;
    }
    if (t - last < everyMs && done < total) return;
    last = t;
    const seconds = (t - start) / 1000;
    const rate = seconds > 0 ? done / seconds : null;
    const eta = done >= total ? 0 : rate !== null && rate > 0 ? (total - done) / rate : null;
    emit({ phase, done, total, unit, ratePerSecond: rate, etaSeconds: eta });
  };
}
