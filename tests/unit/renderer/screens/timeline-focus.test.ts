import { afterEach, describe, expect, it } from 'vitest';
import type { SealcaseEvent } from '../../../../shared/model';
import {
  importEvents,
  positionAtTime,
  queryWindow,
  type EventFilters,
  type TimeWindow,
  type WorkspaceDb,
} from '../../../../renderer/src/db';
import type { TimelineFocus } from '../../../../renderer/src/screens/evidence-links';
import { locateFocus } from '../../../../renderer/src/screens/timeline-focus';
import { A, B, C, PARSER, at, batches, http, nat, openFresh } from '../db/event-fixtures';

const open: WorkspaceDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function store(events: Record<string, readonly SealcaseEvent[]>): Promise<WorkspaceDb> {
  const db = await openFresh();
  open.push(db);
  for (const [artefact, list] of Object.entries(events)) {
    await importEvents(db, artefact, PARSER, batches(list, 7), undefined, { pageSize: 16 });
  }
  return db;
}

const focusOn = (artefact: string, e: SealcaseEvent, shift = 0): TimelineFocus => ({
  at: Date.parse(e.ts as string) + shift,
  clock: 'raw',
  target: { artefact, locator: e.locator },
  label: '',
});

/** Row of (artefact, locator) in the view, by reading the whole view: the reference. */
async function rowOf(
  db: WorkspaceDb,
  view: EventFilters & TimeWindow,
  artefact: string,
  line: number,
): Promise<number> {
  const { rows } = await queryWindow(db, { ...view, offset: 0, limit: 100_000 });
  return rows.findIndex(
    (r) =>
      r.ref.artefact === artefact && 'line' in r.event.locator && r.event.locator.line === line,
  );
}

// Two artefacts interleaved in time, several events sharing a second, across pages of 16.
const LOG_A = Array.from({ length: 60 }, (_, i) => http(Math.floor(i / 3), i + 1));
const LOG_B = Array.from({ length: 40 }, (_, i) => nat(Math.floor(i / 2), i + 1));

describe('locateFocus', () => {
  it('finds every event at its row of the unfiltered and of a filtered view', async () => {
    const db = await store({ [A]: LOG_A, [B]: LOG_B });
    for (const view of [{}, { types: ['nat:session' as const] }, { from: at(5), to: at(12) }]) {
      for (const [artefact, list] of [
        [A, LOG_A],
        [B, LOG_B],
      ] as const) {
        for (const e of list) {
          const want = await rowOf(db, view, artefact, (e.locator as { line: number }).line);
          const got = await locateFocus(db, view, focusOn(artefact, e), 0);
          if (want >= 0) {
            expect(got).toStrictEqual({
              kind: 'found',
              index: want,
              ts: Date.parse(e.ts as string),
            });
          } else {
            // In the timeline, but this view leaves it out: said so, never another row selected.
            expect(got.kind).toBe('hidden');
          }
        }
      }
    }
  });

  it('walks past more events sharing its millisecond than one read returns', async () => {
    const crowd = Array.from({ length: 1300 }, (_, i) => http(3, i + 1));
    const db = await store({ [A]: crowd, [B]: [nat(3, 1), nat(3, 2)] });
    for (const [artefact, e] of [
      [A, crowd[1299]],
      [A, crowd[700]],
      [B, nat(3, 2)],
    ] as const) {
      const want = await rowOf(db, {}, artefact, (e!.locator as { line: number }).line);
      expect(await locateFocus(db, {}, focusOn(artefact, e!), 0)).toMatchObject({
        kind: 'found',
        index: want,
      });
    }
  });

  it('takes the clock correction off a corrected instant, and tries the instant as given', async () => {
    const db = await store({ [A]: LOG_A });
    const e = LOG_A[10]!;
    const corrected = { ...focusOn(A, e, 5000), clock: 'corrected' as const };
    const want = await rowOf(db, {}, A, 11);
    expect(await locateFocus(db, {}, corrected, 5000)).toMatchObject({
      kind: 'found',
      index: want,
    });
    // The correction was withdrawn since: the instant as given is the stored one.
    expect(await locateFocus(db, {}, focusOn(A, e), 5000)).toMatchObject({ kind: 'found' });
    expect(await locateFocus(db, {}, { ...focusOn(A, e), clock: 'corrected' }, 5000)).toMatchObject(
      { kind: 'found', index: want },
    );
    // A raw instant is never shifted.
    expect((await locateFocus(db, {}, focusOn(A, e, 5000), 5000)).kind).toBe('event-absent');
  });

  it('says when the artefact is not in the timeline, or holds no such event then', async () => {
    const db = await store({ [A]: LOG_A });
    const e = LOG_A[10]!;
    const near = await positionAtTime(db, {}, Date.parse(e.ts as string));
    expect(await locateFocus(db, {}, focusOn(C, e), 0)).toStrictEqual({
      kind: 'artefact-absent',
      index: near,
    });
    // Another line at that instant; the right line at another instant.
    expect(
      await locateFocus(
        db,
        {},
        { ...focusOn(A, e), target: { artefact: A, locator: { line: 999 } } },
        0,
      ),
    ).toStrictEqual({ kind: 'event-absent', index: near });
    expect((await locateFocus(db, {}, focusOn(A, e, 1), 0)).kind).toBe('event-absent');
    // Same line number, another kind of locator.
    expect(
      (
        await locateFocus(
          db,
          {},
          { ...focusOn(A, e), target: { artefact: A, locator: { offset: 11 } } },
          0,
        )
      ).kind,
    ).toBe('event-absent');
  });

  it('without an event, points at the first row at or after the instant', async () => {
    const db = await store({ [A]: LOG_A, [B]: LOG_B });
    const t = at(7) + 1;
    expect(
      await locateFocus(
        db,
        { types: ['http:access'] },
        { at: t, clock: 'raw', target: null, label: '' },
        0,
      ),
    ).toStrictEqual({
      kind: 'instant',
      index: await positionAtTime(db, { types: ['http:access'] }, t),
    });
  });
});
