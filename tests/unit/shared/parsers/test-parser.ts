/**
 * A tiny test-only format to exercise the framework: one record per line,
 * `<timestamp> <clientIp> <method> <path> <status>`, where the timestamp is ISO 8601 (offset or
 * local). `THROW` in a line makes the handler throw; `BADTYPE` emits an event that breaks the schema.
 */
import type { SealcaseEvent } from '../../../../shared/model';
import { createLineParser, type Parser } from '../../../../shared/parsers';
import { parseIso8601, stamp } from '../../../../shared/time';

export const testParser: Parser = {
  name: 'test-kv',
  version: '1.0.0',
  description: 'test-only: ISO timestamp, IP, method, path, status',
  kinds: ['access-log'],
  eventTypes: ['http:access'],
  detect(sample) {
    const first = sample.head.split('\n', 1)[0] ?? '';
    const fields = first.split(' ');
    if (fields.length !== 5) return 0;
    return parseIso8601(fields[0] ?? '').ok ? 0.9 : 0.1;
  },
  createParser(options, ctx) {
    return createLineParser('test-kv', ctx, {
      onLine(line, emit) {
        if (line.text === '') return;
        if (line.text.includes('THROW')) throw new Error('boom');
        const fields = line.text.split(' ');
        const locator = { line: line.number };
        if (fields.length !== 5) {
          emit.warning('TEST_FIELDS', `expected 5 fields, found ${fields.length}`, locator);
          return;
        }
        const [tsRaw = '', clientIp = '', method = '', path = '', status = ''] = fields;
        const t = stamp({ tsRaw, parsed: parseIso8601(tsRaw), locator }, options);
        emit.warnings(t.warnings);
        const event: SealcaseEvent = {
          type: 'http:access',
          ts: t.ts,
          tsRaw,
          zone: t.zone,
          locator,
          clientIp,
          method,
          path,
          status: Number(status),
        };
        if (line.text.includes('BADTYPE')) (event as { status: unknown }).status = 'x';
        emit.event(event);
      },
    });
  },
};
