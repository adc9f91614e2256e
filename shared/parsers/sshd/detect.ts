/**
 * `detect()` for sshd logs: syslog lines (3164, 5424 or ISO-stamped) from `sshd` in the head.
 * Mostly sshd with at least one authentication message → 0.9 (a dedicated sshd extract); some
 * sshd authentication messages among other daemons (a whole auth.log / secure) → 0.7; sshd lines
 * but no authentication message → 0.4. Pure, never throws.
 */
import type { DetectSample } from '../types';
import { isSshdApp, parseSyslogHeader } from './header';
import { parseSshdMessage } from './message';

export function detectSshd(sample: DetectSample): number {
  const lines = sample.head.split('\n', 41).slice(0, 40);
  if (lines.length > 1 && !sample.head.endsWith('\n')) lines.pop();
  let syslog = 0;
  let sshd = 0;
  let auth = 0;
  for (const raw of lines) {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') continue;
    const header = parseSyslogHeader(line);
    if (header === null) continue;
    syslog++;
    if (!isSshdApp(header.app)) continue;
    sshd++;
    const msg = parseSshdMessage(line.slice(header.msgStart));
    if (msg !== null && typeof msg !== 'string') auth++;
  }
  if (sshd === 0) return 0;
  if (auth === 0) return 0.4;
  return sshd * 2 >= syslog ? 0.9 : 0.7;
}
