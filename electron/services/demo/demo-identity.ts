import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { IdentityError, isSealcaseError } from '../../../shared/errors';
import {
  createExaminer,
  createLabCa,
  readIdentityFile,
  unlock,
  writeIdentityFile,
  type UnlockedIdentity,
} from '../identity';
import { pathExists } from './path-exists';

/** The demo examiner's passphrase: printed and shown, because the demo identity protects nothing. */
export const DEMO_PASSPHRASE = 'sealcase-demo';
export const DEMO_EXAMINER_FILE = 'demo-examiner.p12';
export const DEMO_CA_FILE = 'demo-lab-ca.p12';
/** The app keeps its demo identity beside the cases, in this folder (`-2`, `-3`… when spent). */
export const DEMO_IDENTITY_FOLDER = 'demo-identity';

/** A reused identity must stay valid at least this long: the analyst will sign in with it. */
const REUSE_MARGIN_MS = 7 * 24 * 3600 * 1000;

export interface DemoIdentity {
  readonly identityFile: string;
  readonly caFile: string;
  /** Unlocked: the caller locks it. */
  readonly identity: UnlockedIdentity;
  /** An earlier demo's identity, used again (nothing written). */
  readonly reused: boolean;
}

/**
 * A lab CA and a demo examiner it issues, both protected by `DEMO_PASSPHRASE`, written to DIR
 * (created if need be). Never overwrites: an existing file is `IDENTITY_EXISTS`. As in a lab, the
 * package's trust anchor is the CA, whose fingerprint a recipient compares with the published one.
 */
export async function createDemoIdentity(dir: string, now: () => Date): Promise<DemoIdentity> {
  await mkdir(dir, { recursive: true });
  const caFile = join(dir, DEMO_CA_FILE);
  const ca = createLabCa({
    name: 'Sealcase Demo Lab CA',
    org: 'Sealcase Demo Lab',
    validityYears: 2,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(caFile, ca.p12);
  const identityFile = join(dir, DEMO_EXAMINER_FILE);
  const p12 = createExaminer({
    name: 'Demo Examiner',
    org: 'Sealcase Demo Lab',
    ca: { p12: ca.p12, passphrase: DEMO_PASSPHRASE, where: caFile },
    validityYears: 1,
    passphrase: DEMO_PASSPHRASE,
    now,
  });
  await writeIdentityFile(identityFile, p12);
  const identity = unlock(p12, DEMO_PASSPHRASE, { where: identityFile });
  return { identityFile, caFile, identity, reused: false };
}

/**
 * The app's demo identity under ROOT: the first `demo-identity[-N]/` whose examiner file unlocks
 * with the demo passphrase and stays valid for a week, else a new one in the first free folder
 * name. So every demo case of a workspace is signed by one examiner the analyst signs in as once,
 * and nothing is ever overwritten.
 */
export async function demoIdentityIn(root: string, now: () => Date): Promise<DemoIdentity> {
  for (let n = 1; ; n += 1) {
    const dir = join(root, n === 1 ? DEMO_IDENTITY_FOLDER : `${DEMO_IDENTITY_FOLDER}-${n}`);
    const taken = await pathExists(
      dir,
      (error) =>
        new IdentityError(
          'IDENTITY_IO',
          `${dir}: cannot be checked (${(error as Error).message})`,
          {
            where: dir,
            cause: error,
          },
        ),
    );
    if (!taken) return createDemoIdentity(dir, now);
    const reused = await tryReuse(dir, now);
    if (reused !== null) return reused;
  }
}

async function tryReuse(dir: string, now: () => Date): Promise<DemoIdentity | null> {
  const identityFile = join(dir, DEMO_EXAMINER_FILE);
  try {
    const identity = unlock(await readIdentityFile(identityFile), DEMO_PASSPHRASE, {
      where: identityFile,
    });
    if (identity.notAfter.getTime() - now().getTime() >= REUSE_MARGIN_MS) {
      return { identityFile, caFile: join(dir, DEMO_CA_FILE), identity, reused: true };
    }
    identity.lock();
    return null;
  } catch (error) {
    // Expired, damaged, another passphrase, missing: leave that folder alone and try the next.
    if (isSealcaseError(error)) return null;
    throw error;
  }
}
