import { describe, expect, it } from 'vitest';
import type { ProgressEventValue } from '../../../../shared/contracts';
import { progressMeter } from '../../../../electron/ipc/progress-meter';

describe('progressMeter', () => {
  it('emits at most one event per interval, always the last, with rate and time left', () => {
    const events: Partial<ProgressEventValue>[] = [];
    let t = 1000;
    const meter = progressMeter(
      (e) => events.push(e),
      'bytes',
      () => t,
      100,
    );
    meter('fixity', 0, 1000);
    for (let done = 100; done <= 1000; done += 100) {
      t += 50;
      meter('fixity', done, 1000);
    }
    // t: 1000 (first), 1100, 1200, 1300, 1400, 1500 (every second call), 1500 also the last.
    expect(events.map((e) => e.done)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(events[2]).toMatchObject({ ratePerSecond: 2000, etaSeconds: 0.3, unit: 'bytes' });
    expect(events.at(-1)).toMatchObject({ done: 1000, etaSeconds: 0 });
  });

  it('restarts the clock and the interval for a new phase', () => {
    const events: Partial<ProgressEventValue>[] = [];
    let t = 0;
    const meter = progressMeter(
      (e) => events.push(e),
      'items',
      () => t,
      100,
    );
    meter('originals', 1, 3);
    t = 10;
    meter('events', 1, 5);
    expect(events.map((e) => [e.phase, e.ratePerSecond])).toEqual([
      ['originals', null],
      ['events', null],
    ]);
  });
});
