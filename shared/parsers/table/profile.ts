/**
 * Column profiles for table-shaped evidence (ISP replies, NAT/CGN CSV exports): which column holds
 * which field, how dates are written, and which zone the table's local times are in. A profile is
 * saved under a name and applied again to the next reply from the same ISP (stored format:
 * `PROFILE_FORMAT_VERSION`, validated here; see table/CONTEXT.md).
 */
import { z } from 'zod';

export const PROFILE_FORMAT_VERSION = 1;

/** Fields an `isp-reply` table can map. `identity` columns are kept by their own header names. */
export const ISP_FIELDS = [
  'ip',
  'port',
  'portStart',
  'portEnd',
  'time',
  'start',
  'end',
  'zone',
  'subscriber',
] as const;
export type IspField = (typeof ISP_FIELDS)[number];

/** Fields a `nat-csv` table can map. */
export const NAT_FIELDS = [
  'event',
  'protocol',
  'insideIp',
  'insidePort',
  'outsideIp',
  'outsidePort',
  'portStart',
  'portEnd',
  'destIp',
  'destPort',
  'vrf',
  'time',
  'start',
  'end',
  'zone',
] as const;
export type NatField = (typeof NAT_FIELDS)[number];

export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const HeaderName = z.string().min(1).max(200);

const Common = {
  v: z.literal(PROFILE_FORMAT_VERSION),
  /** Shown in the app's profile list, e.g. "Example Telecom LE portal reply". */
  name: z.string().min(1).max(200),
  /** How slashed dates (`05/03/2024`) are read; ISO dates are always year-month-day. */
  dateOrder: z.enum(DATE_ORDERS).optional(),
  /** Excel serial date system when the workbook does not say (XLSX sets it itself). */
  dateSystem: z.enum(['1900', '1904']).optional(),
  /** IANA zone of local times without a zone (the run's `--assume-zone` wins over it). */
  zone: z.string().min(1).max(64).optional(),
  /** Field separator for CSV; detected when absent. */
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** 1-based row that holds the column names; found by matching names when absent. */
  headerRow: z.number().int().min(1).max(1000).optional(),
  /** XLSX: the worksheet to read (by name); every sheet with a matching header when absent. */
  sheet: z.string().min(1).max(200).optional(),
};

export const IspProfile = z
  .object({
    ...Common,
    format: z.literal('isp-reply'),
    columns: z.partialRecord(z.enum(ISP_FIELDS), HeaderName),
    /** Columns kept as `identity` (by header name); default: every other non-empty column. */
    identity: z.array(HeaderName).max(100).optional(),
  })
  .strict();
export type IspProfile = z.infer<typeof IspProfile>;

export const NatCsvProfile = z
  .object({
    ...Common,
    format: z.literal('nat-csv'),
    columns: z.partialRecord(z.enum(NAT_FIELDS), HeaderName),
  })
  .strict();
export type NatCsvProfile = z.infer<typeof NatCsvProfile>;

export const TableProfile = z.discriminatedUnion('format', [IspProfile, NatCsvProfile]);
export type TableProfile = z.infer<typeof TableProfile>;

/** Header text → the comparable key: lowercase letters and digits only (`Requested IP` → `requestedip`). */
export function headerKey(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else if (ch > '\u007f' && /\p{L}|\p{N}/u.test(ch)) out += ch;
  }
  return out;
}
