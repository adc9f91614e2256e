import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT, WithheldField } from '../../../../shared/contracts';
import { WITHHOLDABLE_TOP_FIELDS } from '../../../../shared/interchange/redact-fields';

const run = {
  id: '2026-0417.sealcase',
  task: 'export-1',
  form: 'folder',
  pageSize: 'A4',
  events: 'all',
  attachOriginals: false,
  redaction: null,
};

const codes = (r: {
  success: boolean;
  error?: { issues: { code: string; path: PropertyKey[] }[] };
}) => (r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.code}`));

describe('export:run request', () => {
  it('accepts the plain options', () => {
    expect(CONTRACT['export:run'].request.safeParse(run).success).toBe(true);
  });

  it.each([
    ['form', 'tar', 'form:invalid_value'],
    ['pageSize', 'a4', 'pageSize:invalid_value'],
    ['events', 'filtered', 'events:invalid_value'],
    ['attachOriginals', 'yes', 'attachOriginals:invalid_type'],
    ['task', 'a b', 'task:invalid_format'],
    ['id', '../x.sealcase', 'id:invalid_format'],
  ])('refuses %s = %j', (field, value, code) => {
    const r = CONTRACT['export:run'].request.safeParse({ ...run, [field]: value });
    expect(codes(r)).toEqual([code]);
  });

  it('refuses an output path: the export decides where the package goes', () => {
    const r = CONTRACT['export:run'].request.safeParse({ ...run, out: '/etc/x' });
    expect(codes(r)).toEqual([':unrecognized_keys']);
  });

  it('refuses a redaction that withholds nothing', () => {
    const r = CONTRACT['export:run'].request.safeParse({ ...run, redaction: { withhold: [] } });
    expect(codes(r)).toEqual(['redaction.withhold:too_small']);
  });
});

describe('WithheldField', () => {
  it('accepts every withholdable top-level field and the nested forms', () => {
    for (const f of [...WITHHOLDABLE_TOP_FIELDS, 'identity.*', 'extra.*', 'identity.Street']) {
      expect(WithheldField.safeParse(f).success, f).toBe(true);
    }
  });

  it.each(['', 'a.b', 'identity.', 'identity.x\ny', '*', 'user name', 'zone.offset'])(
    'refuses %j',
    (f) => {
      expect(WithheldField.safeParse(f).success).toBe(false);
    },
  );

  it('never accepts a control character (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 31 }), (s, c) => {
        const withControl = `identity.${s}${String.fromCharCode(c)}`;
        expect(WithheldField.safeParse(withControl).success).toBe(false);
      }),
    );
  });
});

describe('package channels name packages by handle, never by path', () => {
  it.each(['/home/x/pkg', '../pkg', 'C:\\pkg', 'pkg.zip'])('package:verify refuses %j', (p) => {
    const r = CONTRACT['package:verify'].request.safeParse({ package: p, task: 't-1' });
    expect(codes(r)).toEqual(['package:invalid_format']);
  });

  it('package:open takes only the kind of picker', () => {
    expect(CONTRACT['package:open'].request.safeParse({ kind: 'zip' }).success).toBe(true);
    const r = CONTRACT['package:open'].request.safeParse({ kind: 'zip', path: '/x' });
    expect(codes(r)).toEqual([':unrecognized_keys']);
    expect(codes(CONTRACT['package:open'].request.safeParse({ kind: 'tar' }))).toEqual([
      'kind:invalid_value',
    ]);
  });
});
