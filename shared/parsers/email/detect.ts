/**
 * Detecting email from the head of an artefact: an mbox `From ` separator followed by header
 * fields, or a header block whose fields are ones mail carries (`Received:`, `Message-ID:`, …).
 * A `.eml` / `.mbox` name alone is a medium hint. Pure, fast (looks at the first 64 lines).
 */
import type { DetectSample } from '../types';
import { headerColon, isBlank, isMboxFromLine, startsWithWsp } from './headers';

/** Header names that make a block unmistakably mail (lowercase). */
const MAIL_HEADERS = new Set([
  'received',
  'return-path',
  'delivered-to',
  'message-id',
  'date',
  'from',
  'to',
  'cc',
  'subject',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'reply-to',
  'in-reply-to',
  'references',
  'x-mailer',
  'x-originating-ip',
  'dkim-signature',
  'arc-seal',
  'authentication-results',
  'received-spf',
  'x-received',
  'sender',
  'envelope-to',
  'x-spam-status',
  'thread-index',
  'list-id',
]);

const MAX_LINES = 64;

function nameOf(text: string): string | null {
  const colon = headerColon(text);
  return colon < 0 ? null : text.slice(0, colon).trimEnd().toLowerCase();
}

function mailFileName(fileName: string | undefined): boolean {
  if (fileName === undefined) return false;
  const lower = fileName.toLowerCase();
  return lower.endsWith('.eml') || lower.endsWith('.mbox') || lower.endsWith('.mbx');
}

export function detectEmail(sample: DetectSample): number {
  const head = sample.head.charCodeAt(0) === 0xfeff ? sample.head.slice(1) : sample.head;
  const byName = mailFileName(sample.fileName);
  let from = 0;
  let lines = 0;
  let first: string | null = null;
  let mbox = false;
  let fieldsSeen = 0;
  let mailFields = 0;
  let otherLines = 0;
  let strongField = false;
  while (from < head.length && lines < MAX_LINES) {
    let nl = head.indexOf('\n', from);
    const complete = nl >= 0;
    if (nl < 0) nl = head.length;
    let text = head.slice(from, nl);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    from = nl + 1;
    lines++;
    if (first === null) {
      if (isBlank(text)) continue;
      first = text;
      if (isMboxFromLine(text)) {
        mbox = true;
        continue;
      }
    }
    if (isBlank(text)) break; // end of the header block
    if (startsWithWsp(text)) continue;
    const name = nameOf(text);
    if (name === null) {
      // An incomplete last line cut by the head size says nothing.
      if (complete) otherLines++;
      continue;
    }
    fieldsSeen++;
    if (MAIL_HEADERS.has(name)) {
      mailFields++;
      if (name === 'received' || name === 'message-id' || name === 'return-path') {
        strongField = true;
      }
    }
  }
  if (first === null) return byName ? 0.3 : 0;
  const firstName = mbox ? null : nameOf(first);
  const firstIsMail =
    firstName !== null && (MAIL_HEADERS.has(firstName) || firstName.startsWith('x-'));
  if (mbox && mailFields >= 1) return 0.95;
  if (firstIsMail && otherLines === 0 && (strongField || mailFields >= 3)) return 0.95;
  if (firstIsMail && mailFields >= 2 && otherLines <= 1) return 0.9;
  if (byName && fieldsSeen >= 1) return 0.85;
  if (mbox) return 0.6;
  if (byName) return 0.6;
  if (firstIsMail && mailFields >= 1) return 0.4;
  return 0.05;
}
