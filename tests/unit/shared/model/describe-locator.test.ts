import { describe, expect, it } from 'vitest';
import { describeLocator } from '../../../../shared/model';

describe('describeLocator', () => {
  it.each([
    [null, 'whole file'],
    [{ line: 12 }, 'line 12'],
    [
      { header: 'Received', index: 2, line: 9, message: 3 },
      'Received header #2, line 9, message 3',
    ],
    [{ header: 'Date', index: 1 }, 'Date header #1'],
    [{ sheet: 'Reply', row: 3, column: 'C' }, 'sheet Reply, row 3, column C'],
    [{ row: 7 }, 'row 7'],
    [{ offset: 4096 }, 'byte 4096'],
  ] as const)('%j → %s', (locator, text) => {
    expect(describeLocator(locator)).toBe(text);
  });
});
