import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFile } from '../../../../../electron/services/parse';
import { ParseError } from '../../../../../shared/errors';
import type { ParseWarning, SealcaseEvent } from '../../../../../shared/model';
import { validateParseOptions, type IspProfile } from '../../../../../shared/parsers';
import { tempDir } from '../../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

async function collect(path: string, raw: Record<string, unknown> = {}, format?: string) {
  const events: SealcaseEvent[] = [];
  const warnings: ParseWarning[] = [];
  const result = await parseFile(
    {
      path,
      options: validateParseOptions(raw),
      validateEvents: true,
      ...(format ? { format } : {}),
    },
    (out) => {
      events.push(...out.events);
      warnings.push(...out.warnings);
    },
  );
  return { events, warnings, result };
}

async function workbook(path: string, date1904: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Reply');
  ws.addRow(['Reply to request 2026/0417']);
  ws.addRow(['IP', 'Port', 'Time', 'Account']);
  // A real date cell: exceljs stores it as a serial in the workbook's own date system.
  ws.addRow(['203.0.113.25', 4100, new Date(Date.UTC(2024, 2, 5, 14, 7, 9)), '0012345']);
  ws.getCell('C3').numFmt = 'dd/mm/yyyy hh:mm:ss';
  ws.addRow([
    '198.51.100.9',
    '1024–2047',
    '2024-03-05 13:07:00',
    { richText: [{ text: 'A-' }, { text: '9' }] },
  ]);
  await wb.xlsx.writeFile(path);
}

describe('parseFile on XLSX replies', () => {
  it.each([false, true])(
    'reads date cells honestly in the workbook date system (1904: %s)',
    async (date1904) => {
      const path = join(dir, `reply-${date1904 ? '1904' : '1900'}.xlsx`);
      await workbook(path, date1904);
      const profile: IspProfile = {
        v: 1,
        name: 'Example',
        format: 'isp-reply',
        columns: { ip: 'IP', port: 'Port', time: 'Time', subscriber: 'Account' },
      };
      const { events, warnings, result } = await collect(path, {
        profile,
        assumeZone: 'Europe/Berlin',
      });
      expect(result.input).toBe('xlsx');
      expect(result.parser.name).toBe('isp-reply');
      expect(warnings.map((w) => w.code)).toEqual(['TABLE_ROWS_BEFORE_HEADER']);
      expect(events).toHaveLength(2);
      // The cell says 14:07:09 local; Europe/Berlin in March is +01:00.
      expect(events[0]).toMatchObject({
        ts: '2024-03-05T13:07:09.000Z',
        locator: { sheet: 'Reply', row: 3 },
        subscriber: '0012345',
        portStart: 4100,
      });
      expect(events[1]).toMatchObject({ portStart: 1024, portEnd: 2047, subscriber: 'A-9' });
    },
  );

  it('refuses a damaged workbook with PARSE_UNREADABLE', async () => {
    const path = join(dir, 'broken.xlsx');
    await writeFile(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    await expect(collect(path)).rejects.toSatisfy(
      (e) => e instanceof ParseError && e.code === 'PARSE_UNREADABLE',
    );
  });
});

describe('parseFile on text', () => {
  it('names the file in PARSE_UNREADABLE and PARSE_FORMAT_UNKNOWN', async () => {
    await expect(collect(join(dir, 'missing.log'))).rejects.toSatisfy(
      (e) =>
        e instanceof ParseError &&
        e.code === 'PARSE_UNREADABLE' &&
        e.message.includes('missing.log'),
    );
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'just some words\nnothing to see\n');
    await expect(collect(path)).rejects.toSatisfy(
      (e) => e instanceof ParseError && e.code === 'PARSE_FORMAT_UNKNOWN',
    );
  });

  it('streams a file across many 1 MiB chunks with a multi-byte character on the boundary', async () => {
    const path = join(dir, 'nat.csv');
    const header = 'inside ip,outside ip,start,note,vrf\n';
    // Pad an unmapped column so that a 3-byte character (€) straddles the first 1 MiB boundary.
    const lead = '100.64.9.9,203.0.113.1,2024-03-05T13:00:00Z,';
    const pad = 1024 * 1024 - 1 - header.length - lead.length - 1;
    const rows = [`${lead}${'a'.repeat(pad)},€v\n`];
    for (let i = 0; i < 40_000; i++) {
      rows.push(
        `100.64.0.${i % 250},203.0.113.1,2024-03-05T13:00:${String(i % 60).padStart(2, '0')}Z,,v€${i % 3}\n`,
      );
    }
    await writeFile(path, header + rows.join(''));
    const { events, warnings } = await collect(path, {}, 'nat-csv');
    expect(events).toHaveLength(40_001);
    expect(warnings.map((w) => w.code)).toEqual(['TABLE_COLUMNS_INFERRED']);
    const first = events[0];
    expect(first?.type === 'nat:portblock' || first?.type === 'nat:session').toBe(true);
    const vrf = first !== undefined && 'vrf' in first ? (first.vrf ?? '') : '';
    expect(vrf).toBe('€v');
    expect(
      new Set(
        events
          .slice(1)
          .map((e) => (e.type === 'nat:portblock' || e.type === 'nat:session' ? e.vrf : '')),
      ),
    ).toEqual(new Set(['v€0', 'v€1', 'v€2']));
  });
});
