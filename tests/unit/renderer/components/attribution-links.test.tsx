import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AttributionResultValue } from '../../../../shared/contracts';
import { AttributionResults } from '../../../../renderer/src/components/AttributionResults';
import type {
  EvidenceLinks,
  EvidenceLinkTarget,
} from '../../../../renderer/src/components/EvidenceLinks';
import { stepTime } from '../../../../renderer/src/components/EvidencePath';

const NAT = 'a'.repeat(64);
const LOG = 'c'.repeat(64);

const result: AttributionResultValue = {
  observation: {
    ip: '192.0.2.10',
    port: 1100,
    ts: '2024-03-05T13:00:00.000Z',
    source: 'http:access',
    artefact: LOG,
    locator: { line: 7 },
  },
  status: 'unique',
  subscribers: ['alice'],
  path: [
    {
      kind: 'nat-portblock',
      depth: 0,
      parent: null,
      from: { ip: '192.0.2.10', port: 1100 },
      to: { ip: '100.64.0.7', portStart: 1024, portEnd: 1535 },
      artefact: NAT,
      locator: { line: 1 },
      records: [
        { role: 'start', artefact: NAT, locator: { line: 1 }, ts: '2024-03-05T12:28:53.000Z' },
        { role: 'end', artefact: NAT, locator: { line: 3 }, ts: '2024-03-05T13:28:53.000Z' },
      ],
      interval: {
        start: '2024-03-05T12:28:48.000Z',
        end: '2024-03-05T13:28:53.000Z',
        startInferred: false,
        endInferred: false,
      },
    },
    {
      kind: 'deterministic-nat',
      depth: 1,
      parent: 0,
      from: { ip: '100.64.0.7' },
      to: { account: 'alice' },
      locator: { line: 2 },
      records: [{ role: 'config', locator: { line: 2 }, ts: null }],
      interval: { start: null, end: null, startInferred: false, endInferred: false },
    },
  ],
  sharedBy: null,
  reasons: [],
  caveat: 'account holder, not a person',
  window: { start: '2024-03-05T13:00:00.000Z', end: '2024-03-05T13:00:00.000Z' },
};

/** Routes that spell out what they were asked for, so the test sees it. */
const links: EvidenceLinks = {
  timeline: (t: EvidenceLinkTarget, row) =>
    t.ts === null ? null : `/t/${row}/${t.source}/${t.artefact ?? '-'}/${t.ts}/${t.label}`,
  artefact: (t: EvidenceLinkTarget, row) =>
    t.artefact === undefined ? null : `/a/${row}/${t.artefact}/${JSON.stringify(t.locator)}`,
};

function render(props: { links?: EvidenceLinks; open?: number | null }) {
  return renderToStaticMarkup(
    <MemoryRouter>
      <AttributionResults results={[result]} names={new Map([[NAT, 'cgn.log']])} {...props} />
    </MemoryRouter>,
  );
}

/** Each link's accessible name (visible and visually hidden text) and its target. */
function linksIn(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [
    (m[2] as string).replace(/<[^>]+>/g, ''),
    decodeURIComponent((m[1] as string).replace(/^#/, '')).replace(/&quot;/g, '"'),
  ]);
}

describe('AttributionResults evidence links', () => {
  it('link the observation, each step and each further record, named for what they show', () => {
    expect(linksIn(render({ links, open: 0 }))).toStrictEqual([
      [
        'Show observation in timeline',
        `/t/0/observation/${LOG}/2024-03-05T13:00:00.000Z/observation`,
      ],
      ['Show observation in artefact', `/a/0/${LOG}/{"line":7}`],
      // The step's time is its own record's (corrected) time, not the interval's start.
      ['Show step 1 in timeline', `/t/0/record/${NAT}/2024-03-05T12:28:53.000Z/step 1`],
      ['Show step 1 in artefact', `/a/0/${NAT}/{"line":1}`],
      [
        'Show step 1 end record in timeline',
        `/t/0/record/${NAT}/2024-03-05T13:28:53.000Z/step 1 end record`,
      ],
      ['Show step 1 end record in artefact', `/a/0/${NAT}/{"line":3}`],
      // The configuration step: no time, no artefact, no link.
    ]);
  });

  it('render no link without routes, and none while the row is closed', () => {
    expect(linksIn(render({ open: 0 }))).toStrictEqual([]);
    expect(render({ open: 0 })).toContain('cgn.log, line 1');
    expect(linksIn(render({ links, open: null }))).toStrictEqual([]);
  });

  it("take a step's time from the interval when no record of its own has one", () => {
    const step = result.path[0]!;
    expect(stepTime({ ...step, records: [] })).toBe('2024-03-05T12:28:48.000Z');
    expect(stepTime(step)).toBe('2024-03-05T12:28:53.000Z');
  });
});
