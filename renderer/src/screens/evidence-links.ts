/**
 * Links from a piece of evidence (an attribution path step, an observation) to the Timeline and
 * the Artefacts screen: plain hash-route navigations whose search parameters name the instant, the
 * artefact and the locator. The parameters come back from the address bar, so reading them checks
 * everything and gives null for anything malformed.
 */
import { Locator, describeLocator } from '../../../shared/model';
import type { EvidenceLinks, EvidenceLinkTarget } from '../components/EvidenceLinks';

/**
 * How the instant was written: `raw` as the timeline stores it (an observation's time), or
 * `corrected` with the artefact's clock correction already added (the attribution engine's record
 * times), which the timeline takes off again before it looks the event up.
 */
export type EvidenceClock = 'raw' | 'corrected';

/** A record in an artefact: its SHA-256 and where in it. */
export interface EvidenceTarget {
  readonly artefact: string;
  readonly locator: Locator;
}

/** Where the Timeline should go: an instant and, when known, the event to select there. */
export interface TimelineFocus {
  /** Epoch ms. */
  readonly at: number;
  readonly clock: EvidenceClock;
  readonly target: EvidenceTarget | null;
  /** What the link was for, in words ("step 2 of observation 1"); shown in the notice. */
  readonly label: string;
}

/** Where the Artefacts screen should go: an artefact and the location in it. */
export interface ArtefactFocus extends EvidenceTarget {
  readonly label: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const MAX_LOCATOR_TEXT = 2000;
const MAX_LABEL = 200;

function casePath(caseId: string, screen: 'timeline' | 'artefacts'): string {
  return `/cases/${encodeURIComponent(caseId)}/${screen}`;
}

function targetParams(p: URLSearchParams, target: EvidenceTarget): void {
  p.set('artefact', target.artefact);
  p.set('locator', JSON.stringify(target.locator));
}

/** The route of the Timeline focused on `focus`. */
export function timelineHref(caseId: string, focus: TimelineFocus): string {
  const p = new URLSearchParams();
  p.set('at', new Date(focus.at).toISOString());
  p.set('clock', focus.clock);
  if (focus.target !== null) targetParams(p, focus.target);
  p.set('label', focus.label);
  return `${casePath(caseId, 'timeline')}?${p.toString()}`;
}

/** The route of the Artefacts screen showing `focus`. */
export function artefactHref(caseId: string, focus: ArtefactFocus): string {
  const p = new URLSearchParams();
  targetParams(p, focus);
  p.set('label', focus.label);
  return `${casePath(caseId, 'artefacts')}?${p.toString()}`;
}

function readTarget(p: URLSearchParams): EvidenceTarget | null | 'bad' {
  const artefact = p.get('artefact');
  const text = p.get('locator');
  if (artefact === null && text === null) return null;
  if (artefact === null || text === null || !HEX64.test(artefact)) return 'bad';
  if (text.length > MAX_LOCATOR_TEXT) return 'bad';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'bad';
  }
  const locator = Locator.safeParse(raw);
  return locator.success ? { artefact, locator: locator.data } : 'bad';
}

function readLabel(p: URLSearchParams): string {
  return (p.get('label') ?? '').slice(0, MAX_LABEL);
}

/** The Timeline's focus from its search parameters; null when there is none or it is malformed. */
export function readTimelineFocus(p: URLSearchParams): TimelineFocus | null {
  const atText = p.get('at');
  if (atText === null || atText.length > 40) return null;
  const at = Date.parse(atText);
  if (!Number.isFinite(at)) return null;
  const clockText = p.get('clock');
  const clock: EvidenceClock = clockText === 'corrected' ? 'corrected' : 'raw';
  const target = readTarget(p);
  if (target === 'bad') return null;
  return { at, clock, target, label: readLabel(p) };
}

/** The Artefacts screen's focus from its search parameters; null when none or malformed. */
export function readArtefactFocus(p: URLSearchParams): ArtefactFocus | null {
  const target = readTarget(p);
  if (target === null || target === 'bad') return null;
  return { ...target, label: readLabel(p) };
}

/** Whether two locators name the same place (field order does not matter). */
export function sameLocator(a: Locator, b: Locator): boolean {
  return describeLocator(a) === describeLocator(b);
}

/** The line a locator names, when it names one (a line, or a header whose line is known). */
export function lineOfLocator(l: Locator): number | undefined {
  if ('header' in l) return l.line;
  if ('line' in l) return l.line;
  return undefined;
}

/** "Step 2 of result 1": what a link is for, shown where it lands. */
function linkLabel(t: EvidenceLinkTarget, row: number): string {
  return `${t.label.charAt(0).toUpperCase()}${t.label.slice(1)} of result ${row + 1}`;
}

/** Routes to the timeline (at the record's instant) and to the artefact (at its location). */
export function evidenceLinks(caseId: string): EvidenceLinks {
  return {
    timeline: (t, row) => {
      const at = t.ts === null ? NaN : Date.parse(t.ts);
      // A configuration has neither a time nor an event; a pasted observation has a time only.
      if (!Number.isFinite(at) || (t.artefact === undefined && t.source === 'record')) return null;
      return timelineHref(caseId, {
        at,
        clock: t.source === 'record' ? 'corrected' : 'raw',
        target:
          t.artefact === undefined || t.locator === undefined
            ? null
            : { artefact: t.artefact, locator: t.locator },
        label: linkLabel(t, row),
      });
    },
    artefact: (t, row) =>
      t.artefact === undefined || t.locator === undefined
        ? null
        : artefactHref(caseId, {
            artefact: t.artefact,
            locator: t.locator,
            label: linkLabel(t, row),
          }),
  };
}
