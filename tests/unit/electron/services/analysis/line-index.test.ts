import { describe, expect, it } from 'vitest';
import { LineIndex, LineIndexes } from '../../../../../electron/services/analysis/line-index';

const file = { size: 1000, mtimeMs: 1, ino: 7 };

describe('LineIndex', () => {
  it('keeps at most maxCheckpoints, thinning them and doubling the stride', () => {
    const index = new LineIndex(file, { stride: 10, maxCheckpoints: 4 });
    for (let line = 2; line <= 100; line++) index.add(line, (line - 1) * 10);
    expect(index.size).toBeLessThanOrEqual(4);
    expect(index.nearest(1)).toEqual({ line: 1, offset: 0 });
    let before = { line: 0, offset: -1 };
    for (let line = 1; line <= 100; line++) {
      const at = index.nearest(line);
      expect(at.line).toBeLessThanOrEqual(line);
      expect(at.offset).toBe((at.line - 1) * 10);
      expect(at.line).toBeGreaterThanOrEqual(before.line);
      before = at;
    }
    expect(index.nearest(100).line).toBeGreaterThan(50);
  });

  it('ignores line starts closer than the stride to the last checkpoint', () => {
    const index = new LineIndex(file, { stride: 100, maxCheckpoints: 10 });
    index.add(2, 50);
    expect(index.nearest(5)).toEqual({ line: 1, offset: 0 });
    index.add(3, 100);
    expect(index.nearest(5)).toEqual({ line: 3, offset: 100 });
  });
});

describe('LineIndexes', () => {
  it('remembers a few blobs, least recently used out first, and forgets a changed file', () => {
    const indexes = new LineIndexes(2);
    const a = indexes.get('a', file);
    indexes.get('b', file);
    expect(indexes.get('a', file)).toBe(a);
    indexes.get('c', file);
    expect(indexes.remembered).toBe(2);
    expect(indexes.get('a', file)).toBe(a);
    expect(indexes.get('a', { ...file, size: 1001 })).not.toBe(a);
  });

  it('runs the work of one key in call order, even after a failure', async () => {
    const indexes = new LineIndexes();
    const order: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      indexes.serial('k', async () => {
        await new Promise((r) => setTimeout(r, ms));
        order.push(name);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('1', 20), step('2', 1, true), step('3', 5)]);
    expect(order).toEqual(['1', '2', '3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
