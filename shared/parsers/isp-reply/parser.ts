import { headerKey } from '../table/profile';
import { createCsvTableParser } from '../table/table-reader';
import type { DetectSample, Parser } from '../types';
import { ISP_HEADER_NAMES } from '../table/headers';
import { ispTableSpec } from './mapper';

const KNOWN = new Set(Object.values(ISP_HEADER_NAMES).flat());

/**
 * How many of the first line's columns are ISP-reply column names (comma, semicolon or tab
 * separated). Needs an IP column and an account or requested-time column to score high.
 */
export function detectIspReply(sample: DetectSample): number {
  const name = sample.fileName?.toLowerCase() ?? '';
  if (!(name.endsWith('.csv') || name.endsWith('.txt') || name === '')) return 0;
  const first = sample.head.split('\n', 1)[0]?.replace(/^\uFEFF/, '') ?? '';
  const cells = first.split(/[;,\t|]/).map((c) => headerKey(c.replaceAll('"', '')));
  const hits = cells.filter((c) => KNOWN.has(c));
  const ip = cells.some((c) => ISP_HEADER_NAMES.ip.includes(c));
  const who = cells.some(
    (c) => ISP_HEADER_NAMES.subscriber.includes(c) || c.startsWith('requested'),
  );
  if (!ip) return 0;
  if (who && hits.length >= 3) return 0.8;
  return hits.length >= 2 ? 0.4 : 0.1;
}

export const ispReplyParser: Parser = {
  name: 'isp-reply',
  version: '1.0.0',
  description:
    'ISP reply tables (CSV; XLSX via the app or CLI) mapped by a column profile → isp:assignment',
  kinds: ['csv', 'xlsx'],
  eventTypes: ['isp:assignment'],
  detect: detectIspReply,
  createParser: (options, ctx) => createCsvTableParser(ispTableSpec, options, ctx),
};
