import { describe, expect, it } from 'vitest';
import {
  artefactHref,
  evidenceLinks,
  lineOfLocator,
  readArtefactFocus,
  readTimelineFocus,
  sameLocator,
  timelineHref,
  type TimelineFocus,
} from '../../../../renderer/src/screens/evidence-links';

const SHA = 'e4'.repeat(32);
const paramsOf = (href: string) => new URLSearchParams(href.slice(href.indexOf('?') + 1));

describe('timeline links', () => {
  it('round-trip the instant, the clock, the target and the label through the route', () => {
    const focus: TimelineFocus = {
      at: Date.UTC(2024, 2, 5, 12, 28, 48, 7),
      clock: 'corrected',
      target: { artefact: SHA, locator: { header: 'Received', index: 3, line: 40, message: 2 } },
      label: 'Step 2 of result 1 & more',
    };
    const href = timelineHref('2026-0962.sealcase', focus);
    expect(href.startsWith('/cases/2026-0962.sealcase/timeline?')).toBe(true);
    expect(readTimelineFocus(paramsOf(href))).toStrictEqual(focus);
  });

  it('carry an instant alone (a pasted observation) and encode the case id', () => {
    const focus: TimelineFocus = { at: 0, clock: 'raw', target: null, label: '' };
    const href = timelineHref('a b/c', focus);
    expect(href.startsWith('/cases/a%20b%2Fc/timeline?')).toBe(true);
    expect(readTimelineFocus(paramsOf(href))).toStrictEqual(focus);
  });

  it('read nothing from malformed or hostile parameters', () => {
    const good = paramsOf(
      timelineHref('c', {
        at: 1,
        clock: 'raw',
        target: { artefact: SHA, locator: { line: 1 } },
        label: 'x',
      }),
    );
    const variant = (k: string, v: string | null) => {
      const p = new URLSearchParams(good);
      if (v === null) p.delete(k);
      else p.set(k, v);
      return readTimelineFocus(p);
    };
    expect(variant('at', null)).toBeNull();
    expect(variant('at', 'yesterday')).toBeNull();
    expect(variant('at', `2024-03-05T12:00:00Z${' '.repeat(40)}`)).toBeNull();
    expect(variant('artefact', 'E4'.repeat(32))).toBeNull();
    expect(variant('artefact', 'e4')).toBeNull();
    expect(variant('artefact', null)).toBeNull();
    expect(variant('locator', null)).toBeNull();
    expect(variant('locator', '{"line":')).toBeNull();
    expect(variant('locator', '{"line":0}')).toBeNull();
    expect(variant('locator', '{"line":1,"extra":2}')).toBeNull();
    expect(variant('locator', `{"header":"${'x'.repeat(3000)}","index":1}`)).toBeNull();
    // An unknown clock is read as raw; an over-long label is cut.
    expect(variant('clock', 'sideways')?.clock).toBe('raw');
    expect(variant('label', 'y'.repeat(500))?.label).toHaveLength(200);
  });
});

describe('artefact links', () => {
  it('round-trip the artefact, the locator and the label', () => {
    const focus = { artefact: SHA, locator: { sheet: 'Reply', row: 12, column: 'C' }, label: 'L' };
    const href = artefactHref('c', focus);
    expect(href.startsWith('/cases/c/artefacts?')).toBe(true);
    expect(readArtefactFocus(paramsOf(href))).toStrictEqual(focus);
  });

  it('need an artefact and a valid locator', () => {
    expect(readArtefactFocus(new URLSearchParams(''))).toBeNull();
    expect(readArtefactFocus(new URLSearchParams(`artefact=${SHA}`))).toBeNull();
    expect(readArtefactFocus(new URLSearchParams(`artefact=${SHA}&locator=[]`))).toBeNull();
  });
});

describe('locators', () => {
  it('compare regardless of field order and name their line when they have one', () => {
    expect(
      sameLocator({ header: 'Received', index: 2, line: 5 }, {
        line: 5,
        index: 2,
        header: 'Received',
      } as never),
    ).toBe(true);
    expect(sameLocator({ line: 5 }, { line: 6 })).toBe(false);
    expect(sameLocator({ line: 5 }, { offset: 5 })).toBe(false);
    expect(lineOfLocator({ line: 9 })).toBe(9);
    expect(lineOfLocator({ header: 'Received', index: 1, line: 4 })).toBe(4);
    expect(lineOfLocator({ header: 'Received', index: 1 })).toBeUndefined();
    expect(lineOfLocator({ offset: 10 })).toBeUndefined();
    expect(lineOfLocator({ row: 3 })).toBeUndefined();
  });
});

describe("the Attribution screen's routes", () => {
  const links = evidenceLinks('case-1');
  const ts = '2024-03-05T12:28:53.000Z';
  const record = {
    artefact: SHA,
    locator: { line: 3 },
    ts,
    source: 'record' as const,
    label: 'step 2 end record',
  };

  it('send a record to the timeline as a corrected instant, with its event, named in words', () => {
    expect(readTimelineFocus(paramsOf(links.timeline(record, 0)!))).toStrictEqual({
      at: Date.parse(ts),
      clock: 'corrected',
      target: { artefact: SHA, locator: { line: 3 } },
      label: 'Step 2 end record of result 1',
    });
    expect(readArtefactFocus(paramsOf(links.artefact(record, 4)!))).toStrictEqual({
      artefact: SHA,
      locator: { line: 3 },
      label: 'Step 2 end record of result 5',
    });
  });

  it('send a pasted observation to its instant only, and a configuration nowhere', () => {
    const pasted = {
      artefact: undefined,
      locator: undefined,
      ts,
      source: 'observation' as const,
      label: 'observation',
    };
    expect(readTimelineFocus(paramsOf(links.timeline(pasted, 1)!))).toStrictEqual({
      at: Date.parse(ts),
      clock: 'raw',
      target: null,
      label: 'Observation of result 2',
    });
    expect(links.artefact(pasted, 1)).toBeNull();
    const config = { ...record, artefact: undefined, ts: null };
    expect(links.timeline(config, 0)).toBeNull();
    expect(links.artefact(config, 0)).toBeNull();
    expect(links.timeline({ ...record, ts: 'not a time' }, 0)).toBeNull();
  });
});
