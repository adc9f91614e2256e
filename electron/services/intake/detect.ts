import type { ContentKind } from '../../../shared/model';
import { MIN_DETECT_CONFIDENCE, createDefaultRegistry } from '../../../shared/parsers';

/**
 * Content sniffing hook: gets the first bytes of the file (up to 64 KiB) and its original name.
 */
export type DetectFn = (head: Uint8Array, name: string) => ContentKind;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const registry = createDefaultRegistry();

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => head[i] === b);
}

const EMAIL_HEADER =
  /^(Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|X-[A-Za-z0-9-]+|DKIM-Signature|ARC-[A-Za-z-]+|Authentication-Results):[ \t]/i;

function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/, 40);
  let headers = 0;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    if (!EMAIL_HEADER.test(line) && !/^[!-9;-~]+:/.test(line)) return false;
    if (EMAIL_HEADER.test(line)) headers++;
  }
  return headers >= 2;
}

function looksLikeCsv(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .slice(0, 20)
    .filter((l) => l.length > 0);
  if (lines.length < 2) return false;
  for (const sep of [',', ';', '\t']) {
    const counts = lines.slice(0, -1).map((l) => l.split(sep).length - 1);
    const first = counts[0] ?? 0;
    if (first > 0 && counts.every((c) => c === first)) return true;
  }
  return false;
}

function isText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return false;
  return true;
}

/**
 * PDF and XLSX by magic bytes; text by the parser registry's `detect()` (the best format at or
 * above the auto-pick threshold gives its first content kind); then, for text no parser claims,
 * email by its header block and CSV by a consistent separator; anything else is `unknown`.
 */
export const builtinDetect: DetectFn = (head, name) => {
  const lower = name.toLowerCase();
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const text = latin1.decode(head);
    if (lower.endsWith('.xlsx') || text.includes('xl/workbook') || text.includes('xl/_rels')) {
      return 'xlsx';
    }
    return 'unknown';
  }
  if (head.length === 0 || !isText(head)) return 'unknown';
  // The parsers know their formats best: the registry's detect() first.
  const [best] = registry.detectFormat({ head: utf8.decode(head), fileName: name });
  if (best !== undefined && best.confidence >= MIN_DETECT_CONFIDENCE) {
    const kind = registry.get(best.name)?.kinds[0];
    if (kind !== undefined) return kind;
  }
  const text = latin1.decode(head);
  if (lower.endsWith('.eml') || looksLikeEmail(text))
    return looksLikeEmail(text) ? 'email' : 'unknown';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || looksLikeCsv(text)) {
    return looksLikeCsv(text) || lower.endsWith('.csv') ? 'csv' : 'unknown';
  }
  return 'unknown';
};
