import type { IpFlag } from '../net';
import type { Reason, ReasonCode } from './types';

/** The fixed sentence every result carries. */
export const ATTRIBUTION_CAVEAT =
  'These records identify the holder of an internet account, not the person who was using the ' +
  'connection: anyone with access to that connection (household members, guests, employees, or ' +
  'someone using an open or compromised network) could have made it.';

export function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}

const FLAG_WORDS: Record<IpFlag, string> = {
  'cgn-shared-ip':
    'is in 100.64.0.0/10, the shared address space for carrier-grade NAT (RFC 6598): it is an address inside a provider network, used by many customers, not a public internet address',
  'private-ip':
    'is a private address (RFC 1918 / unique local): it is only meaningful inside one network',
  'loopback-ip': 'is a loopback address: it means "this machine" and identifies no one',
  'documentation-ip':
    'is in a range reserved for documentation and examples: real traffic should not come from it, so the data may be fabricated or test data',
  'link-local-ip': 'is a link-local address: it is only meaningful on one local network segment',
  'unspecified-ip': 'is the unspecified address (all zeros): it identifies no one',
  'multicast-ip': 'is a multicast address: it cannot be the source of a connection',
  'ds-lite-ip':
    'is in 192.0.0.0/29, the DS-Lite range: every DS-Lite customer uses the same such address, so only the IPv6 tunnel address identifies one',
  'nat64-ip': 'is a NAT64 address: it embeds an IPv4 address and is shared through a translator',
  'reserved-ip': 'is in a reserved special-purpose range: it is not an ordinary public address',
};

export function sharedAddressSpace(ip: string, flags: readonly IpFlag[]): Reason {
  const words = flags.map((f) => FLAG_WORDS[f]).join('; it also ');
  return reason('SHARED_ADDRESS_SPACE', `The observed address ${ip} ${words}.`);
}

export function portMissingShared(ip: string, accounts: number, endpoints: number): Reason {
  const who =
    accounts > 1
      ? `${accounts} different accounts`
      : endpoints > 1
        ? `${endpoints} different inside addresses`
        : 'more than one customer';
  return reason(
    'PORT_MISSING_SHARED_IP',
    `The observation has no source port, and at that time the address ${ip} was shared through ` +
      `carrier-grade NAT by ${who}. Without the port the connection cannot be tied to one of them; ` +
      'all are listed.',
  );
}

export function portReused(ip: string, port: number, gapSeconds: number, guard: number): Reason {
  return reason(
    'PORT_REUSED',
    `Port ${port} of ${ip} was released by one customer and given to another ${formatSeconds(gapSeconds)} ` +
      `later, close to the observed time (the CGN standard, RFC 6888, recommends waiting at least ${guard} s). ` +
      'A small clock difference between the server and the provider could point to the wrong customer; both are considered.',
  );
}

export function timeTolerance(toleranceSeconds: number): Reason {
  return reason(
    'TIME_TOLERANCE',
    `The search window of ±${toleranceSeconds} s around the observed time includes a moment when an ` +
      'assignment began or ended. The records cannot say on which side of that change the connection ' +
      'fell, so every holder in the window is listed.',
  );
}

export const ZONE_DECLARED_MESSAGE =
  'At least one record on this path had a time without a time zone; the zone was declared by the ' +
  'analyst or the provider. If that declaration is wrong (for example around a daylight-saving ' +
  'change), the times shift by the difference.';
export const ZONE_AMBIGUOUS_MESSAGE =
  'At least one time on this path fell in a daylight-saving change (a repeated or skipped local ' +
  'hour), so the local time could mean two instants; one was chosen and the other may be right.';
export const ZONE_UNKNOWN_MESSAGE =
  'At least one time on this path was read without knowing its time zone.';

export function endInferred(): Reason {
  return reason(
    'END_INFERRED',
    'At least one assignment on this path has no recorded end (the end record was lost or never ' +
      'written). Its end was taken as the next assignment of the same address or port, or the end ' +
      'of the records; the holder may have released it earlier.',
  );
}

export function startInferred(): Reason {
  return reason(
    'START_INFERRED',
    'At least one assignment on this path has no recorded start; it was assumed to start no later ' +
      'than the previous event on the same address or port, or the start of the records.',
  );
}

export function noRecords(what: string): Reason {
  return reason(
    'NO_RECORDS',
    `No record covers ${what} at that time, so nothing can be said about who held it.`,
  );
}

export function notAllocated(what: string): Reason {
  return reason(
    'NOT_ALLOCATED',
    `The records cover ${what} at that time, but none shows it assigned to anyone.`,
  );
}

export function chainIncomplete(inside: string): Reason {
  return reason(
    'CHAIN_INCOMPLETE',
    `The CGN records also map the observation to inside address ${inside}, but no subscriber ` +
      'records cover that address at that time: a further account may be missing from the list.',
  );
}

export function dynamicPortNoBlock(ip: string, port: number, config: string): Reason {
  return reason(
    'DYNAMIC_PORT_NO_BLOCK',
    `Port ${port} of ${ip} is not in a fixed per-customer range of the deterministic NAT ` +
      `configuration "${config}" (it belongs to the dynamic pool or is reserved); only port-block ` +
      'records could say who used it, and none covers it.',
  );
}

export function observationInvalid(detail: string): Reason {
  return reason('OBSERVATION_INVALID', `The observation cannot be used: ${detail}.`);
}

function formatSeconds(s: number): string {
  if (s < 1) return 'less than a second';
  return `${Math.round(s)} s`;
}
