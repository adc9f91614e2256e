/**
 * Named column profiles (shared/parsers/table/profile.ts), kept outside any case so the profile
 * made for one ISP's reply applies again to its next reply, in any case. One JSON file per
 * profile, `<format>--<slug of name>.json`. Profiles are settings, not evidence: saving replaces
 * a profile of the same name; the exact profile a parse used is frozen in that parse's decision
 * file (electron/services/analysis).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ParseError } from '../../../shared/errors';
import { TableProfile } from '../../../shared/parsers';

export interface ProfileListing {
  readonly profiles: TableProfile[];
  readonly problems: Array<{ readonly file: string; readonly message: string }>;
}

/** `Example Telecom (LE portal)` → `example-telecom-le-portal`. */
export function profileSlug(name: string): string {
  let out = '';
  for (const ch of name.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else if (!out.endsWith('-')) out += '-';
  }
  out = out.replace(/^-+/, '').replace(/-+$/, '').slice(0, 80);
  return out === '' ? 'profile' : out;
}

export function profileFileName(profile: TableProfile): string {
  return `${profile.format}--${profileSlug(profile.name)}.json`;
}

export async function listProfiles(dir: string): Promise<ProfileListing> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [] };
    throw error;
  }
  const profiles: TableProfile[] = [];
  const problems: ProfileListing['problems'] = [];
  for (const file of names) {
    try {
      const parsed = TableProfile.safeParse(JSON.parse(await readFile(join(dir, file), 'utf8')));
      if (parsed.success) profiles.push(parsed.data);
      else problems.push({ file, message: parsed.error.issues[0]?.message ?? 'not a profile' });
    } catch {
      problems.push({ file, message: 'not readable JSON' });
    }
  }
  return { profiles, problems };
}

/** Validates and writes the profile (temp file, fsync, rename); returns its file name. */
export async function saveProfile(dir: string, raw: unknown): Promise<string> {
  const parsed = TableProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError(
      'PARSE_OPTIONS_INVALID',
      `the profile is not valid: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || 'profile'}: ${issue.message}`}`,
      { where: 'profile' },
    );
  }
  const profile = parsed.data;
  await mkdir(dir, { recursive: true });
  const file = profileFileName(profile);
  const tmp = join(dir, `.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(profile, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(dir, file));
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  return file;
}
