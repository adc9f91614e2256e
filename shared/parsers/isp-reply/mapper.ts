/**
 * One ISP reply row → one `isp:assignment` event. The reply states, for an address (and port) at a
 * time or over a window, which account held it. A row with a single time becomes `start = end` and
 * the flag `point-in-time`; a row without an account (the ISP found no match, or could not decide
 * without a port) is kept with the flag `no-subscriber`, because "no match" is evidence too. Every
 * column the profile does not map is kept in `identity` under its own header name.
 */
import type { IspAssignmentEvent } from '../../model/event';
import { ipFlags, normalizeIp } from '../../net/ip';
import type { ParseOptions } from '../types';
import { cellText, readPortRange, type CellTime, type TableCell } from '../table/cells';
import { ISP_HEADER_NAMES } from '../table/headers';
import type { IspField } from '../table/profile';
import { readRowTime, tableTimeSettings } from '../table/stamp-options';
import type { RowMapper, TableSource, TableSpec } from '../table/table-reader';

const MAX_IDENTITY_TEXT = 4096;

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function createIspMapper(
  columns: ReadonlyMap<IspField, number>,
  header: readonly string[],
  options: ParseOptions,
  source: TableSource,
): RowMapper {
  const times = tableTimeSettings(options, source, 'isp-reply');
  const profile = options.profile?.format === 'isp-reply' ? options.profile : undefined;
  const mapped = new Set(columns.values());
  const identityColumns: number[] = [];
  if (profile?.identity !== undefined) {
    const wanted = new Set(profile.identity.map((n) => n.trim().toLowerCase()));
    header.forEach((h, i) => {
      if (wanted.has(h.trim().toLowerCase())) identityColumns.push(i);
    });
  } else {
    header.forEach((h, i) => {
      if (!mapped.has(i) && h.trim() !== '') identityColumns.push(i);
    });
  }
  const at = (cells: readonly TableCell[], field: IspField): TableCell | undefined => {
    const i = columns.get(field);
    return i === undefined ? undefined : cells[i];
  };

  return {
    row(cells, locator, emit) {
      const ipText = cellText(at(cells, 'ip'));
      if (ipText === '') {
        emit.warning('ISP_IP_MISSING', 'the row has no IP address; it was skipped', locator);
        return;
      }
      const ip = normalizeIp(ipText);
      if (ip === null) {
        const why = isDigits(ipText)
          ? ' (a bare number: a spreadsheet may have converted the address; check the original reply)'
          : '';
        emit.warning(
          'ISP_IP_INVALID',
          `"${ipText.slice(0, 80)}" is not an IP address${why}; the row was skipped`,
          locator,
        );
        return;
      }
      const flags = new Set<string>(ipFlags(ip));
      const event: { -readonly [K in keyof IspAssignmentEvent]: IspAssignmentEvent[K] } = {
        type: 'isp:assignment',
        ts: null,
        tsRaw: '',
        zone: { source: 'unknown', offset: null, name: null },
        locator,
        ip,
      };

      // Ports: a single "port" column (a port or a range), or start/end columns.
      const single = readPortRange(at(cells, 'port'));
      const from = readPortRange(at(cells, 'portStart'));
      const to = readPortRange(at(cells, 'portEnd'));
      for (const [name, read] of [
        ['port', single],
        ['portStart', from],
        ['portEnd', to],
      ] as const) {
        if (read !== null && !read.ok) {
          emit.warning('ISP_PORT_INVALID', `${name}: ${read.reason}`, locator);
        }
      }
      if (single?.ok === true) {
        event.portStart = single.start;
        event.portEnd = single.end;
      } else if (from?.ok === true) {
        event.portStart = from.start;
        event.portEnd = to?.ok === true ? to.end : from.end;
        if (event.portEnd < event.portStart) {
          emit.warning('ISP_PORT_INVALID', 'the port range ends before it starts', locator);
          delete event.portStart;
          delete event.portEnd;
        }
      }
      if (event.portStart === undefined) flags.add('no-port');

      // Times: a point ("requested time") or a window (start/end).
      const zoneCell = at(cells, 'zone');
      const read = (field: IspField): CellTime | null =>
        readRowTime(times, at(cells, field), zoneCell, locator, emit);
      const point = read('time');
      const start = read('start');
      const end = read('end');
      const first = start ?? point ?? end;
      if (first !== null) {
        event.ts = first.ts;
        event.tsRaw = first.tsRaw;
        event.zone = first.zone;
      }
      if (start !== null || end !== null) {
        if (start !== null) event.start = start.ts;
        if (end !== null) event.end = end.ts;
        if (start?.instant != null && end?.instant != null && end.instant < start.instant) {
          emit.warning('ISP_WINDOW_REVERSED', 'the window ends before it starts', locator);
          flags.add('reversed-window');
        }
      } else if (point !== null) {
        event.start = point.ts;
        event.end = point.ts;
        flags.add('point-in-time');
      }
      if (first === null) {
        emit.warning('ISP_TIME_MISSING', 'the row states no time', locator);
      }

      const subscriber = cellText(at(cells, 'subscriber'));
      if (subscriber !== '') event.subscriber = subscriber.slice(0, MAX_IDENTITY_TEXT);
      else flags.add('no-subscriber');

      const identity: Record<string, string> = {};
      let any = false;
      for (const i of identityColumns) {
        const value = cellText(cells[i]);
        const name = (header[i] ?? '').trim().slice(0, 200);
        if (value === '' || name === '') continue;
        identity[name] = value.slice(0, MAX_IDENTITY_TEXT);
        any = true;
      }
      if (any) event.identity = identity;
      if (flags.size > 0) event.flags = [...flags].sort();
      emit.event(event);
    },
  };
}

export const ispTableSpec: TableSpec<IspField> = {
  format: 'isp-reply',
  area: 'ISP',
  names: ISP_HEADER_NAMES,
  missing(columns) {
    const need: string[] = [];
    if (!columns.has('ip')) need.push('an IP column');
    if (!columns.has('time') && !columns.has('start') && !columns.has('subscriber')) {
      need.push('a time, window start or account column');
    }
    return need.length === 0 ? null : need.join(' and ');
  },
  createMapper: createIspMapper,
};
