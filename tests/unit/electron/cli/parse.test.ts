import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatWarning } from '../../../../electron/cli/commands/parse';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import { SealcaseEvent } from '../../../../shared/model';
import { tempDir } from '../../../helpers/temp-dir';

const fixture = fileURLToPath(
  new URL('../../../fixtures/isp-reply/example-semicolon.csv', import.meta.url),
);

let cwd: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: cwd, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  const code = await runCli(argv, io, '0.0.0-test');
  return { code, out: out.join(''), err: err.join('') };
}

describe('sealcase parse', () => {
  it('writes schema-valid JSON lines with the artefact digest and FILE:LINE warnings', async () => {
    await copyFile(fixture, join(cwd, 'reply.csv'));
    await writeFile(
      join(cwd, 'profile.json'),
      JSON.stringify({
        v: 1,
        name: 'Example Telecom',
        format: 'isp-reply',
        dateOrder: 'dmy',
        columns: {
          ip: 'Requested IP',
          port: 'Requested port',
          time: 'Requested time',
          zone: 'Zone',
          subscriber: 'Account',
        },
      }),
    );
    const r = await cli(
      'parse',
      'reply.csv',
      '--profile',
      'profile.json',
      '--assume-zone',
      'Europe/Berlin',
    );
    expect(r.code).toBe(0);
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => SealcaseEvent.parse(JSON.parse(l)));
    expect(events.map((e) => e.ts)).toEqual([
      '2024-03-05T13:07:09.000Z',
      '2024-03-05T13:07:09.000Z',
      '2024-03-05T13:07:00.000Z',
    ]);
    expect(events[0]?.artefact).toMatch(/^[0-9a-f]{64}$/);
    expect(r.err).toContain('reply.csv: 3 events, 0 warnings (isp-reply 1.0.0)');
  });

  it('exits 0 with warnings on stderr as FILE:LINE: message [CODE]', async () => {
    await copyFile(fixture, join(cwd, 'reply.csv'));
    const r = await cli('parse', 'reply.csv');
    expect(r.code).toBe(0);
    expect(r.err).toContain('reply.csv:2: "05/03/2024 14:07:09" could be day/month or month/day');
    expect(r.err).toMatch(/\[TABLE_DATE_ORDER_UNKNOWN\]\n/);
  });

  it('exits 2 naming the file when it is missing, unrecognised, or the options are bad', async () => {
    const missing = await cli('parse', 'nope.log');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.log: cannot read \(no such file\)/);
    await writeFile(join(cwd, 'words.txt'), 'hello\nworld\n');
    const unknown = await cli('parse', 'words.txt');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/words\.txt was not recognised; tried: .*isp-reply/);
    const badZone = await cli(
      'parse',
      'words.txt',
      '--format',
      'isp-reply',
      '--assume-zone',
      'Mars/Base',
    );
    expect(badZone.code).toBe(2);
    expect(badZone.err).toMatch(/not an IANA time zone/);
    const badFormat = await cli('parse', 'words.txt', '--format', 'nope');
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toMatch(/no parser named "nope"/);
    await writeFile(join(cwd, 'p.json'), '{not json');
    const badProfile = await cli('parse', 'words.txt', '--profile', 'p.json');
    expect(badProfile.code).toBe(2);
    expect(badProfile.err).toMatch(/p\.json: cannot read the column profile \(not JSON\)/);
    expect(`${missing.out}${unknown.out}${badZone.out}${badFormat.out}`).toBe('');
  });
});

describe('sealcase formats', () => {
  it('lists every registered parser, as text and as JSON lines', async () => {
    const text = await cli('formats');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^isp-reply\s+1\.0\.0\s+isp:assignment$/m);
    const json = await cli('formats', '--json');
    const names = json.out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names).toContain('nat-csv');
    expect([...names].sort()).toEqual(names);
  });
});

describe('formatWarning', () => {
  it('places each locator kind', () => {
    const w = (locator: unknown) =>
      formatWarning('f', { code: 'X_Y', message: 'm', locator } as never);
    expect(w(null)).toBe('f: m [X_Y]\n');
    expect(w({ line: 7 })).toBe('f:7: m [X_Y]\n');
    expect(w({ sheet: 'Reply', row: 3, column: 'C' })).toBe('f:Reply!C3: m [X_Y]\n');
    expect(w({ header: 'Received', index: 2, line: 9, message: 3 })).toBe(
      'f:9 (Received #2, message 3): m [X_Y]\n',
    );
    expect(w({ offset: 10 })).toBe('f:@10: m [X_Y]\n');
  });
});
