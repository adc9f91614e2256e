import { z } from 'zod';

/**
 * The event schema of DESIGN.md ("Records: the event schema"). Field names are a contract: add
 * fields, never rename them. Every parser in `shared/parsers/<format>/` emits these events; the CLI
 * writes them as JSON lines, the renderer stores them, exports carry them.
 *
 * Conventions:
 * - A type-specific field the source does not hold is **absent** (never `null`, never a guess),
 *   e.g. `clientPort` for a combined-format access log. Time fields (`ts`, `date`, `start`, `end`)
 *   are `null` when the source has the field but its instant cannot be known honestly.
 * - Objects are strict: a misspelt field fails validation instead of travelling silently.
 * - Vendor details with no contract name go in `extra` (flat, scalar values).
 */
export const EVENT_SCHEMA_VERSION = 1;

/** ISO 8601 UTC with milliseconds and `Z`, as `formatInstant` in shared/time writes it. */
export const IsoUtcMs = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'expected ISO 8601 UTC with milliseconds',
  );

/** `+02:00`, `-05:00`, `-00:00` (RFC 3339: UTC, local offset unknown); `:ss` only for LMT-era offsets. */
export const UtcOffsetText = z
  .string()
  .regex(/^[+-]\d{2}:\d{2}(?::\d{2})?$/, 'expected an offset like +02:00');

export const ZONE_SOURCES = ['in-band', 'declared', 'epoch', 'unknown'] as const;
export const ZoneSource = z.enum(ZONE_SOURCES);
export type ZoneSource = z.infer<typeof ZoneSource>;

/**
 * How the zone of `ts` was known. `offset` is the offset applied to the raw local time (null for
 * an epoch value, which has no local time, and when unknown); `name` the IANA zone when declared.
 * `ambiguous: true` when a declared zone made the local time fall in a DST gap or overlap (a
 * warning on the same locator says which instant was chosen). Never `ambiguous: false`.
 */
export const EventZone = z
  .object({
    source: ZoneSource,
    offset: UtcOffsetText.nullable(),
    name: z.string().min(1).max(64).nullable(),
    ambiguous: z.literal(true).optional(),
  })
  .strict();
export type EventZone = z.infer<typeof EventZone>;

const PositiveInt = z.number().int().min(1);
const NonNegativeInt = z.number().int().min(0);

/** `{ line: 17 }`: 1-based line number in the artefact's text. */
export const LineLocator = z.object({ line: PositiveInt }).strict();
/**
 * `{ header: "Received", index: 3 }`: the 3rd header of that name counted from the top of the
 * header block (1-based, file order). `message` (1-based) when the artefact holds several messages
 * (mbox); `line` where the header starts, when known.
 */
export const HeaderLocator = z
  .object({
    header: z.string().min(1).max(200),
    index: PositiveInt,
    message: PositiveInt.optional(),
    line: PositiveInt.optional(),
  })
  .strict();
/** `{ offset: 4096 }`: byte offset (UTF-8 bytes of the original) from the start of the artefact. */
export const OffsetLocator = z.object({ offset: NonNegativeInt }).strict();
/** A spreadsheet cell or row: `{ sheet: "Reply", row: 12, column: "C" }` (row 1-based, as shown). */
export const CellLocator = z
  .object({
    sheet: z.string().max(200).optional(),
    row: PositiveInt,
    column: z.string().min(1).max(16).optional(),
  })
  .strict();
export const Locator = z.union([LineLocator, HeaderLocator, OffsetLocator, CellLocator]);
export type LineLocator = z.infer<typeof LineLocator>;
export type HeaderLocator = z.infer<typeof HeaderLocator>;
export type OffsetLocator = z.infer<typeof OffsetLocator>;
export type CellLocator = z.infer<typeof CellLocator>;
export type Locator = z.infer<typeof Locator>;

/**
 * A warning about the input, never an exception: `code` is UPPER_SNAKE_CASE with an area prefix
 * (`TIME_`, `LINE_`, `PARSER_`, or the format's, e.g. `EMAIL_`), stable for tests and filters;
 * `message` is for people; `locator` null when the warning is about the whole artefact or run.
 */
export const ParseWarning = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, 'expected an UPPER_SNAKE code'),
    message: z.string().min(1).max(4000),
    locator: Locator.nullable(),
  })
  .strict();
export type ParseWarning = z.infer<typeof ParseWarning>;

export const EVENT_TYPES = [
  'http:access',
  'ssh:auth',
  'email:message',
  'email:received',
  'nat:session',
  'nat:portblock',
  'aaa:session',
  'dhcp:lease',
  'isp:assignment',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest');
/** An IP address as text (IPv4 dotted, IPv6 compressed lowercase; parsers normalise). */
const IpText = z.string().min(2).max(64);
const Port = z.number().int().min(0).max(65535);
const Text = z.string().max(65536);
const ExtraValue = z.union([z.string().max(65536), z.number(), z.boolean(), z.null()]);

/**
 * Flags that explain an event to the analyst (e.g. `private-ip`, `cgn-shared-ip`,
 * `documentation-ip`, `negative-delay`, `inferred-end`): lowercase kebab words.
 */
const Flag = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The fields every event carries (DESIGN.md), plus two optional extension points. */
const common = {
  ts: IsoUtcMs.nullable(),
  /** The timestamp text exactly as in the source (`""` when the record has none). */
  tsRaw: z.string().max(4096),
  zone: EventZone,
  /** SHA-256 of the source artefact; absent when the text was not read from a file (pasted). */
  artefact: Sha256Hex.optional(),
  locator: Locator,
  flags: z.array(Flag).max(64).optional(),
  /** Vendor fields without a contract name, e.g. `{ natEvent: 3, terminateCause: "Idle-Timeout" }`. */
  extra: z.record(z.string().max(200), ExtraValue).optional(),
};

/** `http:access` and `ssh:auth` share their field list (DESIGN.md). */
const accessFields = {
  clientIp: IpText.optional(),
  /** Absent when the log has none (combined format): attribution behind CGN then needs care. */
  clientPort: Port.optional(),
  method: Text.optional(),
  path: Text.optional(),
  status: z.number().int().min(0).max(999).optional(),
  bytes: NonNegativeInt.optional(),
  userAgent: Text.optional(),
  user: Text.optional(),
  /** `ssh:auth`: `accepted`, `failed`, `invalid-user`, …; `http:access`: free text when logged. */
  outcome: Text.optional(),
};

export const HttpAccessEvent = z
  .object({ type: z.literal('http:access'), ...common, ...accessFields })
  .strict();
export const SshAuthEvent = z
  .object({ type: z.literal('ssh:auth'), ...common, ...accessFields })
  .strict();

export const EmailMessageEvent = z
  .object({
    type: z.literal('email:message'),
    ...common,
    messageId: Text.optional(),
    /** The Date header as UTC; `null` when present but its instant cannot be known. */
    date: IsoUtcMs.nullable().optional(),
    from: Text.optional(),
    to: z.array(Text).max(10000).optional(),
    subject: Text.optional(),
    originatingIp: IpText.optional(),
  })
  .strict();

export const EmailReceivedEvent = z
  .object({
    type: z.literal('email:received'),
    ...common,
    /** 1 = the earliest hop (the bottom Received header). */
    hop: PositiveInt,
    /** What the client claimed in HELO/EHLO. */
    fromHelo: Text.optional(),
    /** The reverse-DNS name the receiving server recorded (TCP-info). */
    fromRdns: Text.optional(),
    /** The address the receiving server saw (TCP-info), never taken from the HELO. */
    fromIp: IpText.optional(),
    byHost: Text.optional(),
    with: Text.optional(),
    id: Text.optional(),
    for: Text.optional(),
    /** Seconds since the previous dated hop; negative kept; null when either is undated. */
    delaySeconds: z.number().nullable().optional(),
  })
  .strict();

export const NAT_SESSION_EVENTS = ['create', 'delete'] as const;
export const NatSessionEvent = z
  .object({
    type: z.literal('nat:session'),
    ...common,
    event: z.enum(NAT_SESSION_EVENTS),
    /** Lowercase name (`tcp`, `udp`, `icmp`) or the IANA protocol number as decimal text. */
    protocol: z.string().min(1).max(32).optional(),
    insideIp: IpText,
    insidePort: Port.optional(),
    outsideIp: IpText,
    outsidePort: Port.optional(),
    destIp: IpText.optional(),
    destPort: Port.optional(),
    /** VRF, route domain (F5 `%rd`) or routing instance: the inside IP is unique only within it. */
    vrf: z.string().max(200).optional(),
  })
  .strict();

export const NAT_PORTBLOCK_EVENTS = ['allocate', 'release', 'interim'] as const;
export const NatPortblockEvent = z
  .object({
    type: z.literal('nat:portblock'),
    ...common,
    event: z.enum(NAT_PORTBLOCK_EVENTS),
    insideIp: IpText,
    outsideIp: IpText,
    portStart: Port,
    /** Inclusive. */
    portEnd: Port,
    vrf: z.string().max(200).optional(),
  })
  .strict()
  .refine((e) => e.portEnd >= e.portStart, {
    message: 'portEnd is before portStart',
    path: ['portEnd'],
  });

export const AAA_SESSION_EVENTS = ['start', 'stop', 'interim', 'on', 'off'] as const;
export const AaaSessionEvent = z
  .object({
    type: z.literal('aaa:session'),
    ...common,
    event: z.enum(AAA_SESSION_EVENTS),
    user: Text.optional(),
    framedIp: IpText.optional(),
    framedIpv6Prefix: z.string().min(2).max(64).optional(),
    sessionId: Text.optional(),
    nas: Text.optional(),
    callingStationId: Text.optional(),
    /** Acct-Session-Time, seconds. */
    sessionTime: NonNegativeInt.optional(),
  })
  .strict();

export const DhcpLeaseEvent = z
  .object({
    type: z.literal('dhcp:lease'),
    ...common,
    ip: IpText,
    mac: z.string().max(128).optional(),
    hostname: Text.optional(),
    /** Lease interval `[start, end)` as UTC; `null` when stated but not knowable, `end` null for `never`. */
    start: IsoUtcMs.nullable().optional(),
    end: IsoUtcMs.nullable().optional(),
    state: z.string().max(64).optional(),
  })
  .strict();

export const IspAssignmentEvent = z
  .object({
    type: z.literal('isp:assignment'),
    ...common,
    ip: IpText,
    portStart: Port.optional(),
    portEnd: Port.optional(),
    start: IsoUtcMs.nullable().optional(),
    end: IsoUtcMs.nullable().optional(),
    subscriber: Text.optional(),
    /** Whatever identity columns the reply holds, by the reply's own column names. */
    identity: z.record(z.string().max(200), Text).optional(),
  })
  .strict();

export const SealcaseEvent = z.discriminatedUnion('type', [
  HttpAccessEvent,
  SshAuthEvent,
  EmailMessageEvent,
  EmailReceivedEvent,
  NatSessionEvent,
  NatPortblockEvent,
  AaaSessionEvent,
  DhcpLeaseEvent,
  IspAssignmentEvent,
]);

export type HttpAccessEvent = z.infer<typeof HttpAccessEvent>;
export type SshAuthEvent = z.infer<typeof SshAuthEvent>;
export type EmailMessageEvent = z.infer<typeof EmailMessageEvent>;
export type EmailReceivedEvent = z.infer<typeof EmailReceivedEvent>;
export type NatSessionEvent = z.infer<typeof NatSessionEvent>;
export type NatPortblockEvent = z.infer<typeof NatPortblockEvent>;
export type AaaSessionEvent = z.infer<typeof AaaSessionEvent>;
export type DhcpLeaseEvent = z.infer<typeof DhcpLeaseEvent>;
export type IspAssignmentEvent = z.infer<typeof IspAssignmentEvent>;
export type SealcaseEvent = z.infer<typeof SealcaseEvent>;
/** The event of one `type`, e.g. `EventOf<'nat:session'>`. */
export type EventOf<T extends EventType> = Extract<SealcaseEvent, { type: T }>;
