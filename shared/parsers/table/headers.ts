/**
 * Finding the header row and the columns of a table when no profile names them: each field has
 * a list of header names seen in real replies and exports (compared by `headerKey`). The result is
 * reported to the analyst as a warning (`TABLE_COLUMNS_INFERRED`) so it can be checked and saved
 * as a profile; nothing is guessed from cell contents.
 */
import { headerKey, type IspField, type NatField } from './profile';

export const ISP_HEADER_NAMES: Readonly<Record<IspField, readonly string[]>> = {
  ip: ['requestedip', 'ip', 'ipaddress', 'publicip', 'publicipaddress', 'sourceip', 'natip'],
  port: ['requestedport', 'port', 'sourceport', 'publicport', 'srcport', 'ports', 'portrange'],
  portStart: ['portstart', 'startport', 'portfrom', 'firstport', 'portmin', 'portrangestart'],
  portEnd: ['portend', 'endport', 'portto', 'lastport', 'portmax', 'portrangeend'],
  time: ['requestedtime', 'requestedtimestamp', 'time', 'timestamp', 'datetime', 'date'],
  start: ['start', 'starttime', 'from', 'validfrom', 'windowstart', 'matchwindowstart', 'begin'],
  end: ['end', 'endtime', 'to', 'validto', 'validuntil', 'windowend', 'matchwindowend', 'stop'],
  zone: ['zone', 'timezone', 'tz', 'timezonestated', 'utcoffset'],
  subscriber: [
    'account',
    'accountid',
    'accountnumber',
    'subscriber',
    'subscriberid',
    'customer',
    'customerid',
    'customernumber',
    'contractid',
  ],
};

export const NAT_HEADER_NAMES: Readonly<Record<NatField, readonly string[]>> = {
  event: ['event', 'action', 'eventtype', 'natevent', 'type'],
  protocol: ['protocol', 'proto', 'ipprotocol'],
  insideIp: ['insideip', 'internalip', 'privateip', 'innerip', 'subscriberip', 'insideaddress'],
  insidePort: ['insideport', 'internalport', 'privateport', 'innerport'],
  outsideIp: ['outsideip', 'publicip', 'natip', 'externalip', 'translatedip', 'outsideaddress'],
  outsidePort: ['outsideport', 'publicport', 'natport', 'externalport', 'translatedport'],
  portStart: ['portstart', 'startport', 'portfrom', 'firstport', 'blockstart', 'portblockstart'],
  portEnd: ['portend', 'endport', 'portto', 'lastport', 'blockend', 'portblockend'],
  destIp: ['destip', 'destinationip', 'dstip', 'remoteip'],
  destPort: ['destport', 'destinationport', 'dstport', 'remoteport'],
  vrf: ['vrf', 'routedomain', 'routingdomain', 'routinginstance', 'vrfname'],
  time: ['time', 'timestamp', 'datetime', 'eventtime'],
  start: ['start', 'starttime', 'allocated', 'allocationtime', 'sessionstart', 'begin'],
  end: ['end', 'endtime', 'released', 'releasetime', 'sessionend', 'stop'],
  zone: ['zone', 'timezone', 'tz'],
};

/** Column index per field, from the profile's names (exact by key) or the built-in names. */
export function mapColumns<F extends string>(
  cells: readonly string[],
  names: Readonly<Record<F, readonly string[]>>,
  configured: Partial<Record<F, string>> | undefined,
): Map<F, number> {
  const keys = cells.map(headerKey);
  const out = new Map<F, number>();
  const taken = new Set<number>();
  const fields = Object.keys(names) as F[];
  if (configured !== undefined) {
    for (const field of fields) {
      const want = configured[field];
      if (want === undefined) continue;
      const at = keys.indexOf(headerKey(want));
      if (at >= 0) {
        out.set(field, at);
        taken.add(at);
      }
    }
    return out;
  }
  // Built-in names: earlier synonyms win, each column used once.
  for (const field of fields) {
    for (const name of names[field]) {
      const at = keys.findIndex((k, i) => k === name && !taken.has(i));
      if (at >= 0) {
        out.set(field, at);
        taken.add(at);
        break;
      }
    }
  }
  return out;
}
