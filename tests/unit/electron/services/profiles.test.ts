import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProfiles, profileSlug, saveProfile } from '../../../../electron/services/profiles';
import { ParseError } from '../../../../shared/errors';
import { tempDir } from '../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

const profile = {
  v: 1,
  name: 'Example Telecom (LE portal)',
  format: 'isp-reply',
  dateOrder: 'dmy',
  columns: { ip: 'Requested IP', time: 'Requested time', subscriber: 'Account' },
} as const;

describe('named column profiles', () => {
  it('saves, lists and replaces a profile of the same name', async () => {
    expect(await listProfiles(join(dir, 'none'))).toEqual({ profiles: [], problems: [] });
    const file = await saveProfile(dir, profile);
    expect(file).toBe('isp-reply--example-telecom-le-portal.json');
    await saveProfile(dir, { ...profile, dateOrder: 'mdy' });
    expect(await readdir(dir)).toEqual([file]);
    const listing = await listProfiles(dir);
    expect(listing.profiles).toEqual([{ ...profile, dateOrder: 'mdy' }]);
    expect(JSON.parse(await readFile(join(dir, file), 'utf8'))).toMatchObject({ dateOrder: 'mdy' });
  });

  it('refuses an invalid profile with a code, writing nothing', async () => {
    await expect(saveProfile(dir, { ...profile, dateOrder: 'ydm' })).rejects.toSatisfy(
      (e) => e instanceof ParseError && e.code === 'PARSE_OPTIONS_INVALID',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports unreadable files instead of failing the listing', async () => {
    await saveProfile(dir, profile);
    await writeFile(join(dir, 'broken.json'), '{');
    await writeFile(join(dir, 'other.json'), JSON.stringify({ v: 2 }));
    const listing = await listProfiles(dir);
    expect(listing.profiles).toHaveLength(1);
    expect(listing.problems.map((p) => p.file)).toEqual(['broken.json', 'other.json']);
  });

  it('slugs names to safe file names', () => {
    expect(profileSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(profileSlug('***')).toBe('profile');
    expect(profileSlug('Ålands Telekom AB')).toBe('lands-telekom-ab');
  });
});
