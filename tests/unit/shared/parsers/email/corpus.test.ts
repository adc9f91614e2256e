/**
 * The Received parser over every Received field of the SpamAssassin corpus in the shared corpus
 * folder (../shared/corpus/email/spamassassin, read at test time). The header blocks are split
 * here with a deliberately naive splitter (first blank line, unfold, `Received:` prefix), so the
 * test does not depend on the parser's own header reader.
 *
 * Measured when written: 299 Received fields, 187 with a fromIp (62.5 %). The rest carry no
 * address at all (`by … (Postfix) id …`, `(qmail … invoked by uid …)`, `(from user@localhost)`,
 * old `from host by host` hops) or only an address-literal HELO with no TCP-info
 * (`from [8.141.200.111] by …`), which is kept as `heloIp`, never as `fromIp`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeIp } from '../../../../../shared/net/ip';
import { parseAll } from '../../../../../shared/parsers';
import { emailParser, parseReceived } from '../../../../../shared/parsers/email';

const CORPUS = fileURLToPath(
  new URL('../../../../../../shared/corpus/email/spamassassin/', import.meta.url),
);
const present = existsSync(CORPUS);
/** Floor for the fraction of Received fields with a fromIp (measured 0.625; see above). */
const FROM_IP_FLOOR = 0.6;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name !== 'LICENSE') out.push(path);
  }
  return out;
}

function receivedValues(text: string): string[] {
  const blank = text.search(/\r?\n\r?\n/);
  const head = blank < 0 ? text : text.slice(0, blank);
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  const out: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    if (/^received:/i.test(line)) out.push(line.slice('received:'.length));
  }
  return out;
}

describe.skipIf(!present)(`the SpamAssassin corpus (${CORPUS})`, () => {
  it('every Received field: no throw, a high fromIp fraction, every fromIp normalised', () => {
    const files = walk(CORPUS);
    expect(files.length).toBeGreaterThan(100);
    let total = 0;
    let withIp = 0;
    for (const file of files) {
      for (const value of receivedValues(readFileSync(file, 'utf8'))) {
        total++;
        const parts = parseReceived(value);
        if (parts.fromIp !== undefined) {
          withIp++;
          expect(normalizeIp(parts.fromIp), `${file}: ${value}`).toBe(parts.fromIp);
        }
        if (parts.heloIp !== undefined) expect(normalizeIp(parts.heloIp)).toBe(parts.heloIp);
      }
    }
    expect(total).toBeGreaterThan(250);
    const fraction = withIp / total;
    console.info(
      `Received fields: ${total}, with fromIp: ${withIp} (${(fraction * 100).toFixed(1)} %)`,
    );
    expect(fraction).toBeGreaterThanOrEqual(FROM_IP_FLOOR);
  });

  it('every file through the whole parser: schema-valid events, no parser failures', async () => {
    let messages = 0;
    for (const file of walk(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      const run = await parseAll(emailParser, [text], { validateEvents: true });
      const failures = run.warnings.filter((w) => w.code.startsWith('PARSER_'));
      expect(failures, file).toEqual([]);
      const count = run.events.filter((e) => e.type === 'email:message').length;
      // spam/bsmtpnull is a lone line break: no message in it.
      if (text.trim().length > 0) expect(count, file).toBeGreaterThan(0);
      messages += count;
      const received = run.events.filter((e) => e.type === 'email:received').length;
      expect(received, file).toBe(receivedValues(text).length);
    }
    expect(messages).toBeGreaterThan(100);
  });
});

describe.skipIf(present)('the SpamAssassin corpus', () => {
  it.skip(`skipped: ${CORPUS} does not exist (the shared corpus is not checked out)`, () => {});
});
