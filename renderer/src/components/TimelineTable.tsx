import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SealcaseEvent } from '../../../shared/model';
import { describeEvent } from '../../../shared/model';

export interface TimelineRow {
  readonly ts: number | null;
  readonly event: SealcaseEvent;
  readonly artefact: string;
}

export interface TimelineTableProps {
  readonly total: number;
  /** The row at a timeline position, when loaded. */
  readonly rowAt: (index: number) => TimelineRow | undefined;
  /** Asks for rows `[start, end)` to be loaded (the screen pages them in). */
  readonly onVisible: (start: number, end: number) => void;
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
  readonly formatTime: (row: TimelineRow) => string;
  readonly names: ReadonlyMap<string, string>;
  readonly isBookmarked: (row: TimelineRow) => boolean;
  /** A row to bring into view (centred); a new object scrolls again to the same row. */
  readonly scrollTo?: { readonly index: number } | null;
}

const ROW_HEIGHT = 28;

/**
 * The merged timeline, virtualised: only the visible rows exist in the page. Arrow keys, Page
 * Up/Down, Home and End move the selection; the detail panel follows it.
 */
export function TimelineTable(p: TimelineTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions React Compiler cannot memoise safely; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: p.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    // The sticky header row sits above the rows inside the same scrolling grid.
    scrollMargin: ROW_HEIGHT,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { onVisible } = p;
  useEffect(() => {
    if (p.total > 0) onVisible(first, last + 1);
  }, [first, last, p.total, onVisible]);

  const { scrollTo } = p;
  useEffect(() => {
    if (scrollTo !== null && scrollTo !== undefined && scrollTo.index < p.total) {
      virtual.scrollToIndex(scrollTo.index, { align: 'center' });
    }
  }, [scrollTo, p.total, virtual]);

  const move = (to: number) => {
    if (p.total === 0) return;
    const index = Math.max(0, Math.min(p.total - 1, to));
    p.onSelect(index);
    virtual.scrollToIndex(index, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = p.selected ?? -1;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const to =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'PageDown'
            ? at + page
            : e.key === 'PageUp'
              ? at - page
              : e.key === 'Home'
                ? 0
                : e.key === 'End'
                  ? p.total - 1
                  : null;
    if (to === null) return;
    e.preventDefault();
    move(to);
  };

  return (
    <div
      ref={scroller}
      className="timeline-grid"
      role="grid"
      aria-label="Timeline"
      aria-rowcount={p.total + 1}
      aria-activedescendant={p.selected === null ? undefined : `tl-row-${p.selected}`}
      tabIndex={0}
      onKeyDown={onKey}
    >
      <div className="tl-row tl-head" role="row" aria-rowindex={1}>
        <div role="columnheader" className="tl-time">
          Time
        </div>
        <div role="columnheader" className="tl-raw">
          As written
        </div>
        <div role="columnheader" className="tl-zone">
          Zone
        </div>
        <div role="columnheader" className="tl-type">
          Type
        </div>
        <div role="columnheader" className="tl-artefact">
          Artefact
        </div>
        <div role="columnheader" className="tl-what">
          Event
        </div>
      </div>
      <div
        role="presentation"
        style={{ height: virtual.getTotalSize() - ROW_HEIGHT, position: 'relative' }}
      >
        {items.map((item) => {
          const row = p.rowAt(item.index);
          const selected = item.index === p.selected;
          return (
            <div
              key={item.key}
              id={`tl-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              className={`tl-row${selected ? ' row-selected' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start - ROW_HEIGHT}px)`,
              }}
              onClick={() => p.onSelect(item.index)}
            >
              {row === undefined ? (
                <div role="gridcell" className="tl-what muted">
                  …
                </div>
              ) : (
                <>
                  <div role="gridcell" className="tl-time mono">
                    {p.isBookmarked(row) && (
                      <span className="bookmark-mark" title="bookmarked">
                        ★{' '}
                      </span>
                    )}
                    {row.ts === null ? (
                      <span className="badge badge-bad">no UTC time</span>
                    ) : (
                      p.formatTime(row)
                    )}
                  </div>
                  <div
                    role="gridcell"
                    className="tl-raw mono"
                    title={`zone: ${row.event.zone.source}`}
                  >
                    {row.event.tsRaw === '' ? '—' : row.event.tsRaw}
                    {row.event.zone.source === 'declared' && (
                      <span
                        className="zone-mark"
                        title={`zone declared by the analyst: ${row.event.zone.name ?? ''}`}
                      >
                        {' '}
                        ᴰ
                      </span>
                    )}
                    {row.event.zone.ambiguous === true && (
                      <span
                        className="zone-mark bad"
                        title="DST gap or overlap: ambiguous local time"
                      >
                        {' '}
                        ⚠
                      </span>
                    )}
                  </div>
                  <div role="gridcell" className="tl-zone small">
                    {row.event.zone.source}
                    {row.event.zone.offset === null ? '' : ` ${row.event.zone.offset}`}
                  </div>
                  <div role="gridcell" className="tl-type mono">
                    {row.event.type}
                  </div>
                  <div role="gridcell" className="tl-artefact">
                    {p.names.get(row.artefact) ?? row.artefact.slice(0, 12)}
                  </div>
                  <div role="gridcell" className="tl-what mono">
                    {describeEvent(row.event)}
                  </div>
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
