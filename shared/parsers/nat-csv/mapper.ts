/**
 * One row of a NAT/CGN CSV export → `nat:session` or `nat:portblock` events. A row with a port
 * range (portStart/portEnd) and no inside port is a port block; otherwise a session. With an
 * `event` column the row is one event at its `time`; with `start`/`end` columns it is an interval
 * and becomes two events (allocate + release, or create + delete), the second only when the end
 * is stated. Event words are read by keyword (create/add/alloc…, delete/free/release…,
 * interim/active/update); anything else is a warning, never a guess.
 */
import type { Locator, NatPortblockEvent, NatSessionEvent } from '../../model/event';
import { ipFlags, normalizeIp } from '../../net/ip';
import type { Emit } from '../line-parser';
import type { ParseOptions } from '../types';
import { cellText, readPortRange, type CellTime, type TableCell } from '../table/cells';
import { NAT_HEADER_NAMES } from '../table/headers';
import type { NatField } from '../table/profile';
import { readRowTime, tableTimeSettings } from '../table/stamp-options';
import type { RowMapper, TableSource, TableSpec } from '../table/table-reader';

type Phase = 'open' | 'close' | 'interim';

const OPEN_WORDS = ['create', 'add', 'alloc', 'open', 'start', 'new', 'assign', 'begin'];
const CLOSE_WORDS = [
  'delete',
  'del',
  'free',
  'releas',
  'close',
  'stop',
  'end',
  'destroy',
  'withdr',
];
const INTERIM_WORDS = ['interim', 'active', 'update', 'alive'];

export function readPhase(text: string): Phase | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'a') return 'open';
  if (t === 'w' || t === 'd') return 'close';
  if (INTERIM_WORDS.some((w) => t.includes(w))) return 'interim';
  if (CLOSE_WORDS.some((w) => t.includes(w))) return 'close';
  if (OPEN_WORDS.some((w) => t.includes(w))) return 'open';
  return null;
}

function createNatMapper(
  columns: ReadonlyMap<NatField, number>,
  _header: readonly string[],
  options: ParseOptions,
  source: TableSource,
): RowMapper {
  const times = tableTimeSettings(options, source, 'nat-csv');
  const at = (cells: readonly TableCell[], f: NatField): TableCell | undefined => {
    const i = columns.get(f);
    return i === undefined ? undefined : cells[i];
  };
  const ipOf = (cells: readonly TableCell[], f: NatField, locator: Locator, emit: Emit) => {
    const text = cellText(at(cells, f));
    if (text === '') return undefined;
    const ip = normalizeIp(text);
    if (ip === null) {
      emit.warning(
        'NATCSV_IP_INVALID',
        `${f}: "${text.slice(0, 80)}" is not an IP address`,
        locator,
      );
      return null;
    }
    return ip;
  };
  const portOf = (cells: readonly TableCell[], f: NatField, locator: Locator, emit: Emit) => {
    const r = readPortRange(at(cells, f));
    if (r === null) return undefined;
    if (!r.ok) {
      emit.warning('NATCSV_PORT_INVALID', `${f}: ${r.reason}`, locator);
      return null;
    }
    return r;
  };

  return {
    row(cells, locator, emit) {
      const insideIp = ipOf(cells, 'insideIp', locator, emit);
      const outsideIp = ipOf(cells, 'outsideIp', locator, emit);
      if (insideIp == null || outsideIp == null) {
        if (insideIp === undefined || outsideIp === undefined) {
          emit.warning(
            'NAT_FIELD_MISSING',
            `the row lacks ${insideIp === undefined ? 'insideIp' : 'outsideIp'}; it was skipped`,
            locator,
          );
        }
        return;
      }
      const insidePort = portOf(cells, 'insidePort', locator, emit);
      const outsidePort = portOf(cells, 'outsidePort', locator, emit);
      const blockStart = portOf(cells, 'portStart', locator, emit);
      const blockEnd = portOf(cells, 'portEnd', locator, emit);
      const destIp = ipOf(cells, 'destIp', locator, emit);
      const destPort = portOf(cells, 'destPort', locator, emit);
      if (
        insidePort === null ||
        outsidePort === null ||
        blockStart === null ||
        blockEnd === null ||
        destPort === null ||
        destIp === null
      ) {
        return;
      }
      const protocol = cellText(at(cells, 'protocol')).toLowerCase();
      const vrf = cellText(at(cells, 'vrf'));
      if (vrf.length > 200 || protocol.length > 32) {
        emit.warning(
          'NATCSV_FIELD_TOO_LONG',
          `${vrf.length > 200 ? 'vrf' : 'protocol'} is longer than a routing domain or protocol name can be; the row was skipped`,
          locator,
        );
        return;
      }
      const flags = [...new Set([...ipFlags(insideIp), ...ipFlags(outsideIp)])].sort();

      const zoneCell = at(cells, 'zone');
      const read = (f: NatField): CellTime | null =>
        readRowTime(times, at(cells, f), zoneCell, locator, emit);

      const isBlock =
        insidePort === undefined &&
        (blockStart !== undefined ||
          (outsidePort !== undefined && outsidePort.start !== outsidePort.end));
      const make = (phase: Phase, t: CellTime): void => {
        const common = {
          ts: t.ts,
          tsRaw: t.tsRaw,
          zone: t.zone,
          locator,
          insideIp,
          outsideIp,
          ...(vrf === '' ? {} : { vrf }),
          ...(flags.length === 0 ? {} : { flags }),
        };
        if (isBlock) {
          const range = blockStart ?? outsidePort;
          if (range === undefined) return;
          const end = blockEnd?.end ?? range.end;
          if (end < range.start) {
            emit.warning('NATCSV_PORT_INVALID', 'the port block ends before it starts', locator);
            return;
          }
          const event: NatPortblockEvent = {
            type: 'nat:portblock',
            ...common,
            event: phase === 'open' ? 'allocate' : phase === 'close' ? 'release' : 'interim',
            portStart: range.start,
            portEnd: end,
          };
          emit.event(event);
          return;
        }
        if (phase === 'interim') {
          emit.warning(
            'NATCSV_EVENT_UNKNOWN',
            'an interim record for a session is not kept',
            locator,
          );
          return;
        }
        const event: NatSessionEvent = {
          type: 'nat:session',
          ...common,
          event: phase === 'open' ? 'create' : 'delete',
          ...(protocol === '' ? {} : { protocol }),
          ...(insidePort === undefined ? {} : { insidePort: insidePort.start }),
          ...(outsidePort === undefined ? {} : { outsidePort: outsidePort.start }),
          ...(destIp === undefined ? {} : { destIp }),
          ...(destPort === undefined ? {} : { destPort: destPort.start }),
        };
        emit.event(event);
      };

      if (columns.has('event')) {
        const word = cellText(at(cells, 'event'));
        const phase = readPhase(word);
        if (phase === null) {
          emit.warning(
            'NATCSV_EVENT_UNKNOWN',
            `event "${word.slice(0, 80)}" is not a create/allocate, delete/release or interim word; the row was skipped`,
            locator,
          );
          return;
        }
        const t = read('time') ?? read('start');
        if (t === null) {
          emit.warning('NATCSV_TIME_MISSING', 'the row states no time', locator);
          return;
        }
        make(phase, t);
        return;
      }
      const start = read('start');
      const end = read('end');
      if (start === null && end === null) {
        emit.warning(
          'NATCSV_TIME_MISSING',
          'the row has neither an event column nor a start/end time; it was skipped',
          locator,
        );
        return;
      }
      if (start !== null) make('open', start);
      if (end !== null) make('close', end);
    },
  };
}

export const natCsvTableSpec: TableSpec<NatField> = {
  format: 'nat-csv',
  area: 'NATCSV',
  names: NAT_HEADER_NAMES,
  missing(columns) {
    const need: string[] = [];
    if (!columns.has('insideIp')) need.push('an inside IP column');
    if (!columns.has('outsideIp')) need.push('an outside IP column');
    if (!columns.has('time') && !columns.has('start') && !columns.has('end')) {
      need.push('a time or start/end column');
    }
    return need.length === 0 ? null : need.join(', ');
  },
  createMapper: createNatMapper,
};
