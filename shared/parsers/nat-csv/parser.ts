import { NAT_HEADER_NAMES } from '../table/headers';
import { headerKey } from '../table/profile';
import { createCsvTableParser } from '../table/table-reader';
import type { DetectSample, Parser } from '../types';
import { natCsvTableSpec } from './mapper';

/** A first line naming inside and outside address columns. */
export function detectNatCsv(sample: DetectSample): number {
  const first = sample.head.split('\n', 1)[0]?.replace(/^\uFEFF/, '') ?? '';
  const cells = first.split(/[;,\t|]/).map((c) => headerKey(c.replaceAll('"', '')));
  const inside = cells.some((c) => NAT_HEADER_NAMES.insideIp.includes(c));
  const outside = cells.some((c) => NAT_HEADER_NAMES.outsideIp.includes(c));
  if (inside && outside) return 0.75;
  return inside || outside ? 0.2 : 0;
}

export const natCsvParser: Parser = {
  name: 'nat-csv',
  version: '1.0.0',
  description:
    'NAT/CGN CSV exports mapped by a column profile (inside/outside address and port, times) → nat:session / nat:portblock',
  kinds: ['nat-log', 'csv'],
  eventTypes: ['nat:session', 'nat:portblock'],
  detect: detectNatCsv,
  createParser: (options, ctx) => createCsvTableParser(natCsvTableSpec, options, ctx),
};
