import type { SealcaseEvent } from '../model';
import { eventTimeMs } from './event-fields';
import { encodePage, type EncodedPage, type EventsEncoding, type PageEntry } from './page-codec';

/** Events per page: big enough that a page is one cheap IndexedDB record, small enough to sort. */
export const PAGE_SIZE = 4000;
/** The largest page the store accepts (and the wire check allows). */
export const MAX_PAGE_SIZE = 8192;

interface Pending extends PageEntry {
  ord: number;
}

const byTime = (a: Pending, b: Pending): number => a.ts - b.ts || a.ord - b.ord;

/**
 * Turns one artefact's events, in arrival order, into time-sorted pages numbered from 0. Events are
 * sorted within a sliding buffer of two pages, so a log that is in order, or out of order by less
 * than a page, gives pages whose time ranges do not overlap; anything else is still correct
 * (queries merge pages by time), only slower to query. Untimed events (`ts: null`) go to their own
 * pages, in arrival order, after every timed page.
 */
export class PageBuilder {
  readonly artefact: string;
  readonly pageSize: number;
  readonly encoding: EventsEncoding;
  /** Whether pages get their trigram filter (main's worker leaves it to the renderer). */
  readonly textFilter: boolean;
  /** Events pushed so far. */
  received = 0;
  /** Of them, events without a UTC time. */
  untimedCount = 0;
  private timed: Pending[] = [];
  private untimed: Pending[] = [];
  private seq = 0;
  private finished = false;

  constructor(
    artefact: string,
    pageSize = PAGE_SIZE,
    encoding: EventsEncoding = 'json',
    textFilter = true,
  ) {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`page size must be 1..${MAX_PAGE_SIZE}, not ${pageSize}`);
    }
    this.artefact = artefact;
    this.pageSize = pageSize;
    this.encoding = encoding;
    this.textFilter = textFilter;
  }

  /** Takes the next events; returns the pages they completed (often none). */
  push(events: Iterable<SealcaseEvent>): EncodedPage[] {
    if (this.finished) throw new Error('PageBuilder: push after finish');
    const out: EncodedPage[] = [];
    const size = this.pageSize;
    for (const event of events) {
      const ts = eventTimeMs(event);
      const entry: Pending = { event, ts, ord: this.received++ };
      if (ts === Infinity) {
        this.untimed.push(entry);
        this.untimedCount++;
        if (this.untimed.length >= size) {
          out.push(this.page(this.untimed));
          this.untimed = [];
        }
      } else {
        this.timed.push(entry);
        if (this.timed.length >= 2 * size) {
          this.timed.sort(byTime);
          out.push(this.page(this.timed.slice(0, size)));
          this.timed = this.timed.slice(size);
        }
      }
    }
    return out;
  }

  /** The remaining pages: timed ones first, then untimed ones. */
  finish(): EncodedPage[] {
    if (this.finished) return [];
    this.finished = true;
    const out: EncodedPage[] = [];
    const size = this.pageSize;
    this.timed.sort(byTime);
    for (let i = 0; i < this.timed.length; i += size)
      out.push(this.page(this.timed.slice(i, i + size)));
    for (let i = 0; i < this.untimed.length; i += size) {
      out.push(this.page(this.untimed.slice(i, i + size)));
    }
    this.timed = [];
    this.untimed = [];
    return out;
  }

  private page(entries: Pending[]): EncodedPage {
    return encodePage(this.artefact, this.seq++, entries, this.encoding, this.textFilter);
  }
}
