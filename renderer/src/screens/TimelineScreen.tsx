import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { WorkspaceSourceValue } from '../../../shared/contracts';
import {
  describeLocator,
  type EmailReceivedEvent,
  type SealcaseEvent,
} from '../../../shared/model';
import { useAsync } from '../app/use-async';
import { caseWorkspace } from '../app/workspace';
import { pagesFromMain } from '../app/workspace-feed';
import { BridgeError, getApi, unwrap } from '../bridge';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { EventActions } from '../components/EventActions';
import { EventDetail } from '../components/EventDetail';
import { HopTable } from '../components/HopTable';
import {
  NO_FILTERS,
  TimelineFilters,
  type DisplayZone,
  type TimelineFilterValues,
} from '../components/TimelineFilters';
import { TimelineFocusNotice, type FocusOutcome } from '../components/TimelineFocusNotice';
import { TimelineHistogram } from '../components/TimelineHistogram';
import { TimeWindowForm } from '../components/TimeWindowForm';
import { TimelineTable, type TimelineRow } from '../components/TimelineTable';
import {
  checkAgainstCase,
  filterCidr,
  histogram,
  queryWindow,
  rebuildWorkspace,
  type EventFilters,
  type Histogram,
  type StaleReport,
} from '../db';
import { useOpenCase } from './CaseScreen';
import { artefactHref, readTimelineFocus } from './evidence-links';
import { locateFocus } from './timeline-focus';
import { formatRowTime } from './timeline-time';

const PAGE = 300;
const BUCKETS = 120;

function refsOf(sources: readonly WorkspaceSourceValue[]) {
  return sources.map((s) => ({
    artefact: s.artefact,
    parser: { name: s.format, version: s.parserVersion, optionsHash: s.decision },
  }));
}

function filtersOf(v: TimelineFilterValues): { filters: EventFilters } | { problem: string } {
  const filters: EventFilters = {};
  if (v.types.size > 0) filters.types = [...v.types];
  if (v.artefact !== '') filters.artefacts = [v.artefact];
  if (v.cidr.trim() !== '') {
    try {
      filterCidr(v.cidr);
    } catch {
      return { problem: `"${v.cidr}" is not an IP address or CIDR prefix (e.g. 100.64.0.0/10).` };
    }
    filters.cidr = v.cidr.trim();
  }
  if (v.port.trim() !== '') {
    const port = Number(v.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return { problem: `"${v.port}" is not a port (0–65535).` };
    }
    filters.port = port;
  }
  if (v.account.trim() !== '') filters.account = v.account.trim();
  if (v.text.trim() !== '') filters.text = v.text.trim();
  return { filters };
}

/** One UTC timeline across every parsed artefact of the case. */
export function TimelineScreen() {
  const c = useOpenCase();
  const db = caseWorkspace(c.uuid);
  const api = getApi();
  const [sources] = useAsync(() => unwrap(api.workspace.sources({ id: c.id })), c.id);
  const [analysis, reloadAnalysis] = useAsync(() => unwrap(api.analysis.list({ id: c.id })), c.id);
  const [session] = useAsync(() => unwrap(api.identity.status()), c.id);
  const [actionMessage, setActionMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<StaleReport | null>(null);
  const [version, setVersion] = useState(0);
  const [values, setValues] = useState<TimelineFilterValues>(NO_FILTERS);
  const [windowRange, setWindowRange] = useState<{ from: number; to: number } | null>(null);
  const [zone, setZone] = useState<DisplayZone>('utc');
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<ReadonlyMap<number, TimelineRow>>(new Map());
  const [hist, setHist] = useState<Histogram | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [original, setOriginal] = useState<{ text: string; truncated: boolean } | null>(null);
  const [hops, setHops] = useState<EmailReceivedEvent[] | null>(null);
  const [rebuilding, setRebuilding] = useState<string | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const cancelRebuild = useRef(false);
  const loading = useRef(new Set<number>());
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // A "Show in timeline" link: the instant and the event to select, from the route's parameters.
  const [params] = useSearchParams();
  const focusText = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the text stands for the parameters
  const focus = useMemo(() => readTimelineFocus(params), [focusText]);
  const focusArtefact = focus?.target?.artefact;
  const [focusOutcome, setFocusOutcome] = useState<FocusOutcome | null>(null);
  const [scrollTo, setScrollTo] = useState<{ index: number } | null>(null);
  // The focused artefact's clock correction (ms): null until the analysis listing first arrives,
  // then kept through its reloads (a bookmark reloads it; the selection must not jump back).
  const [focusCorrectionMs, setFocusCorrectionMs] = useState<number | null>(null);
  const knownCorrection =
    analysis.status === 'ready'
      ? (analysis.value.corrections.find((x) => x.artefact === focusArtefact)?.offsetSeconds ?? 0) *
        1000
      : analysis.status === 'failed'
        ? 0
        : null;
  if (knownCorrection !== null && knownCorrection !== focusCorrectionMs) {
    setFocusCorrectionMs(knownCorrection);
  }
  const focusKey =
    focus === null ? '' : focusCorrectionMs === null ? null : `${focusText} ${focusCorrectionMs}`;

  const names = useMemo(
    () =>
      new Map(
        sources.status === 'ready' ? sources.value.sources.map((s) => [s.artefact, s.name]) : [],
      ),
    [sources],
  );
  // The focused artefact's name: the sources name parsed ones; the listing names the others.
  const [listing] = useAsync(
    () =>
      focusArtefact === undefined || names.has(focusArtefact)
        ? Promise.resolve(null)
        : unwrap(api.artefacts.list({ id: c.id })),
    `${c.id} ${focusArtefact ?? ''} ${names.size}`,
  );
  const focusName =
    focusArtefact === undefined
      ? undefined
      : (names.get(focusArtefact) ??
        (listing.status === 'ready' && listing.value !== null
          ? listing.value.artefacts.find(
              (a) => a.entry === 'file' && a.digests.sha256 === focusArtefact,
            )?.original.name
          : undefined));
  const parsed = filtersOf(values);
  const filters = 'filters' in parsed ? parsed.filters : null;
  const filterKey = JSON.stringify(filters) + JSON.stringify(windowRange) + String(version);

  // Is the working copy in step with the case's parse decisions?
  useEffect(() => {
    if (sources.status !== 'ready') return;
    let live = true;
    void checkAgainstCase(db, refsOf(sources.value.sources)).then((r) => {
      if (live) setStale(r);
    });
    return () => {
      live = false;
    };
  }, [db, sources, version]);

  // The filtered window: first page of rows, the total, the histogram.
  useEffect(() => {
    if (filters === null || focusKey === null) return;
    let live = true;
    loading.current = new Set();
    const w = windowRange ?? {};
    void Promise.all([
      queryWindow(db, { ...filters, ...w, offset: 0, limit: PAGE }),
      histogram(db, { ...w, buckets: BUCKETS, filters }),
      focus === null ? null : locateFocus(db, { ...filters, ...w }, focus, focusCorrectionMs ?? 0),
    ]).then(
      ([result, h, outcome]) => {
        if (!live) return;
        const next = new Map<number, TimelineRow>();
        result.rows.forEach((r, i) =>
          next.set(i, { ts: r.ts, event: r.event, artefact: r.ref.artefact }),
        );
        setRows(next);
        setTotal(result.total);
        setHist(h);
        setSelected(outcome?.kind === 'found' ? outcome.index : null);
        setFocusOutcome(outcome);
        if (outcome !== null && result.total > 0) {
          setScrollTo({ index: Math.min(outcome.index, result.total - 1) });
        }
      },
      (error: unknown) => {
        if (live) setProblem(error as Error);
      },
    );
    return () => {
      live = false;
    };
    // filterKey stands for filters + window + version, focusKey for the focus and its correction.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, filterKey, focusKey]);

  const onVisible = useCallback(
    (start: number, end: number) => {
      if (filters === null) return;
      let missing = -1;
      for (let i = start; i < end; i++) {
        if (!rows.has(i) && !loading.current.has(i)) {
          missing = i;
          break;
        }
      }
      if (missing < 0) return;
      const from = Math.max(0, missing - 50);
      for (let i = from; i < from + PAGE; i++) loading.current.add(i);
      const key = filterKey;
      void queryWindow(db, { ...filters, ...(windowRange ?? {}), offset: from, limit: PAGE }).then(
        (result) => {
          if (key !== filterKey) return;
          setRows((old) => {
            const next = new Map(old);
            result.rows.forEach((r, i) =>
              next.set(from + i, { ts: r.ts, event: r.event, artefact: r.ref.artefact }),
            );
            return next;
          });
        },
      );
    },
    [db, filters, filterKey, rows, windowRange],
  );

  const chosen = selected === null ? undefined : rows.get(selected);
  useEffect(() => {
    const line = chosen === undefined ? undefined : lineOf(chosen.event);
    if (chosen === undefined || line === undefined) return;
    let live = true;
    void unwrap(api.workspace.excerpt({ id: c.id, artefact: chosen.artefact, line })).then(
      (r) => {
        if (live) setOriginal(r.found ? { text: r.text, truncated: r.truncated } : null);
      },
      () => undefined,
    );
    return () => {
      live = false;
      setOriginal(null);
    };
  }, [api, c.id, chosen]);

  // An email event: the hop table of its message.
  useEffect(() => {
    if (chosen === undefined || !chosen.event.type.startsWith('email:')) return;
    const l = chosen.event.locator;
    const message = 'header' in l ? l.message : undefined;
    let live = true;
    void queryWindow(db, {
      artefacts: [chosen.artefact],
      types: ['email:received'],
      offset: 0,
      limit: 5000,
    }).then((r) => {
      if (!live) return;
      setHops(
        r.rows
          .map((x) => x.event)
          .filter(
            (e): e is EmailReceivedEvent =>
              e.type === 'email:received' &&
              ('header' in e.locator ? e.locator.message : undefined) === message,
          ),
      );
    });
    return () => {
      live = false;
      setHops(null);
    };
  }, [db, chosen]);

  const rebuild = async () => {
    if (sources.status !== 'ready') return;
    setProblem(null);
    cancelRebuild.current = false;
    const list = sources.value.sources;
    try {
      await rebuildWorkspace(
        db,
        refsOf(list).map((ref) => ({
          ...ref,
          pages: () => pagesFromMain(c.id, ref.artefact, cancelRebuild),
        })),
        (p) =>
          setRebuilding(
            `${names.get(p.artefact) ?? p.artefact.slice(0, 12)} (${p.index + 1} of ${p.artefacts}): ${p.events.toLocaleString('en')} events`,
          ),
      );
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setRebuilding(null);
      setVersion((v) => v + 1);
    }
  };

  // Looked up for every visible row on every render: built once per analysis listing.
  const { corrections, bookmarkLabels } = useMemo(() => {
    const value = analysis.status === 'ready' ? analysis.value : { corrections: [], bookmarks: [] };
    const labels = new Map<string, string[]>();
    for (const b of value.bookmarks) {
      const key = bookmarkKey(b.artefact, b.locator);
      labels.set(key, [...(labels.get(key) ?? []), b.label]);
    }
    return {
      corrections: new Map(value.corrections.map((x) => [x.artefact, x] as const)),
      bookmarkLabels: labels,
    };
  }, [analysis]);

  const focusNotice =
    focus === null ? null : (
      <TimelineFocusNotice
        label={focus.label}
        at={focus.at}
        target={
          focus.target === null
            ? null
            : {
                name: focusName ?? `${focus.target.artefact.slice(0, 16)}…`,
                where: describeLocator(focus.target.locator),
              }
        }
        outcome={focusOutcome}
        parsed={focus.target !== null && names.has(focus.target.artefact)}
        backHref={`/cases/${encodeURIComponent(c.id)}/attribution`}
        artefactHref={
          focus.target === null ? null : artefactHref(c.id, { ...focus.target, label: focus.label })
        }
        onShowAll={() => {
          setValues(NO_FILTERS);
          setWindowRange(null);
        }}
      />
    );

  if (sources.status === 'loading') return <p className="muted">Loading…</p>;
  if (sources.status === 'failed') {
    return <ErrorNotice title="The timeline could not be opened" message={sources.error.message} />;
  }
  if (sources.value.sources.length === 0) {
    return (
      <>
        {focusNotice}
        <EmptyState title="Nothing parsed yet">
          <p>
            The timeline merges the events of every parsed artefact of this case, in UTC. Open an
            artefact on the Artefacts screen, choose <strong>Parse…</strong>, preview and save the
            decision; then come back here and build the timeline.
          </p>
        </EmptyState>
      </>
    );
  }

  const bookmarksOf = (r: TimelineRow) =>
    bookmarkLabels.get(bookmarkKey(r.artefact, r.event.locator)) ?? [];
  // Corrections are applied for display (visibly marked); stored times never change.
  const timeOf = (r: TimelineRow) => {
    const fix = corrections.get(r.artefact);
    if (fix === undefined || r.ts === null) return formatRowTime(r, zone, localZone);
    const shown = formatRowTime({ ...r, ts: r.ts + fix.offsetSeconds * 1000 }, zone, localZone);
    return `${shown} (${fix.offsetSeconds > 0 ? '+' : ''}${fix.offsetSeconds} s)`;
  };
  const record = async (what: Promise<unknown>, done: string) => {
    setProblem(null);
    setActionMessage(null);
    try {
      await what;
      setActionMessage(done);
      reloadAnalysis();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <section className="section" aria-labelledby="timeline-heading">
      <div className="section-header">
        <h2 id="timeline-heading">
          Timeline <span className="muted small">({total.toLocaleString('en')} events)</span>
        </h2>
        {rebuilding === null ? (
          <button
            type="button"
            className={stale?.stale === true ? 'primary' : undefined}
            onClick={() => void rebuild()}
          >
            {stale?.stale === true ? 'Build the timeline from the case' : 'Rebuild from the case'}
          </button>
        ) : (
          <button type="button" onClick={() => (cancelRebuild.current = true)}>
            Cancel
          </button>
        )}
      </div>
      {focusNotice}
      {rebuilding !== null && (
        <p className="notice small" role="status">
          Importing {rebuilding}…
        </p>
      )}
      {stale?.stale === true && rebuilding === null && (
        <div className="notice notice-warning small" role="status">
          <strong>The timeline is not in step with the case.</strong>
          <ul>
            {stale.entries.map((e) => (
              <li key={e.artefact}>
                {names.get(e.artefact) ?? e.artefact.slice(0, 16)}: {e.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem !== null && (
        <ErrorNotice
          title="The timeline could not be updated"
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      <TimelineFilters
        values={values}
        onChange={setValues}
        artefacts={sources.value.sources.map((s) => ({ sha256: s.artefact, name: s.name }))}
        zone={zone}
        onZone={setZone}
        localZone={localZone}
        problem={'problem' in parsed ? parsed.problem : null}
      />
      <div className="histogram-block">
        <div className="small muted">
          {windowRange === null
            ? 'Drag across the histogram to zoom in (times in UTC).'
            : `Zoomed to ${new Date(windowRange.from).toISOString()} – ${new Date(windowRange.to).toISOString()}. `}
          {windowRange !== null && (
            <button
              type="button"
              className="link-button small"
              onClick={() => setWindowRange(null)}
            >
              Show everything
            </button>
          )}
        </div>
        <TimeWindowForm onApply={(from, to) => setWindowRange({ from, to })} />
        {hist !== null && hist.total > 0 ? (
          <TimelineHistogram
            from={hist.from}
            bucketMs={hist.bucketMs}
            counts={hist.counts}
            label={`Events over time: ${hist.total} in ${BUCKETS} buckets`}
            onBrush={(from, to) => setWindowRange({ from, to })}
          />
        ) : (
          <p className="muted small">No event with a UTC time matches in this range.</p>
        )}
      </div>
      <div className="timeline-layout">
        <TimelineTable
          isBookmarked={(r) => bookmarksOf(r).length > 0}
          total={total}
          rowAt={(i) => rows.get(i)}
          onVisible={onVisible}
          selected={selected}
          onSelect={setSelected}
          formatTime={timeOf}
          names={names}
          scrollTo={scrollTo}
        />
        {chosen === undefined ? (
          <p className="muted small">
            Select an event (click, or the arrow keys) to see all of it.
          </p>
        ) : (
          <>
            {hops !== null && hops.length > 0 && (
              <section className="panel" aria-labelledby="hops-heading">
                <h2 id="hops-heading">Hops of this message</h2>
                <div className="scroll-x">
                  <HopTable hops={hops} />
                </div>
              </section>
            )}
            <EventActions
              artefactName={names.get(chosen.artefact) ?? chosen.artefact}
              correction={corrections.get(chosen.artefact) ?? null}
              bookmarked={bookmarksOf(chosen)}
              canSign={session.status === 'ready' && session.value.unlocked}
              message={actionMessage}
              onBookmark={(label) =>
                void record(
                  unwrap(
                    api.analysis.bookmark({
                      id: c.id,
                      artefact: chosen.artefact,
                      locator: chosen.event.locator,
                      eventType: chosen.event.type,
                      ts: chosen.event.ts,
                      label,
                    }),
                  ),
                  'Bookmark saved as a signed custody record.',
                )
              }
              onCorrect={(offsetSeconds, reason) =>
                void record(
                  unwrap(
                    api.analysis.correctClock({
                      id: c.id,
                      artefact: chosen.artefact,
                      offsetSeconds,
                      reason,
                    }),
                  ),
                  'Clock correction saved as a signed custody record; the timeline shows it.',
                )
              }
            />
            <EventDetail
              event={chosen.event}
              artefactName={names.get(chosen.artefact) ?? chosen.artefact}
              time={timeOf(chosen)}
              original={original}
            />
          </>
        )}
      </div>
    </section>
  );
}

function bookmarkKey(artefact: string, locator: SealcaseEvent['locator']): string {
  // describeLocator, not JSON: the same locator may arrive with its fields in another order.
  return `${artefact} ${describeLocator(locator)}`;
}

function lineOf(e: SealcaseEvent): number | undefined {
  const l = e.locator;
  if ('header' in l) return l.line;
  if ('line' in l) return l.line;
  return undefined;
}
