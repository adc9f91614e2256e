import type { PackageReader } from '../../../../../shared/package/verify';

/** A package reader over bag path → bytes (a folder without the disk), streaming in 1000-byte chunks. */
export function memoryReader(files: Map<string, Uint8Array>): PackageReader {
  return {
    form: 'folder',
    label: 'memory',
    list: async () => ({
      files: [...files].map(([path, b]) => ({ path, size: b.length })),
      findings: [],
    }),
    stream: async (path, sink) => {
      const b = files.get(path)!;
      for (let i = 0; i < b.length; i += 1000) await sink(b.subarray(i, i + 1000));
    },
  };
}
