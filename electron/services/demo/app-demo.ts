import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseSummaryValue } from '../../../shared/contracts';
import { CaseError } from '../../../shared/errors';
import { buildDemoCase, type DemoStep } from './build-demo-case';
import { demoIdentityIn } from './demo-identity';
import { pathExists } from './path-exists';

/** Demo case folders under the cases root: `demo.sealcase`, then `demo-2.sealcase`, … */
const MAX_DEMOS = 999;

export interface AppDemoOptions {
  /** The app's cases folder: the case goes in it, the identity beside the cases. */
  readonly casesRoot: string;
  readonly toolVersion: string;
  readonly now?: () => Date;
  /** Told first about the identity (created or reused), then each stage of `buildDemoCase`. */
  readonly onIdentity?: (identityFile: string, reused: boolean) => void;
  readonly onStep?: (step: DemoStep) => void;
}

export interface AppDemoCase {
  readonly summary: CaseSummaryValue;
  readonly identityFile: string;
  readonly reusedIdentity: boolean;
}

/**
 * The demo case in the app's cases folder, under the first free name (never over an existing
 * case), signed by the workspace's demo examiner (`demoIdentityIn`). The samples are written to a
 * temporary folder for intake and removed after: the vault holds the originals. The identity is
 * locked again before this returns; the analyst signs in with its file to work on the case.
 */
export async function createAppDemoCase(options: AppDemoOptions): Promise<AppDemoCase> {
  const now = options.now ?? (() => new Date());
  const n = await freeDemoNumber(options.casesRoot);
  const demo = await demoIdentityIn(options.casesRoot, now);
  const samples = await mkdtemp(join(tmpdir(), 'sealcase-demo-'));
  try {
    options.onIdentity?.(demo.identityFile, demo.reused);
    const built = await buildDemoCase({
      caseDir: join(options.casesRoot, demoFolderName(n)),
      samplesDir: join(samples, 'samples'),
      identity: demo.identity,
      toolVersion: options.toolVersion,
      number: `DEMO-${String(n).padStart(4, '0')}`,
      now,
      ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
    });
    return { summary: built.summary, identityFile: demo.identityFile, reusedIdentity: demo.reused };
  } finally {
    demo.identity.lock();
    await rm(samples, { recursive: true, force: true });
  }
}

export function demoFolderName(n: number): string {
  return n === 1 ? 'demo.sealcase' : `demo-${n}.sealcase`;
}

/** The first N whose demo folder name is free (`CASE_EXISTS` after `MAX_DEMOS`). */
async function freeDemoNumber(root: string): Promise<number> {
  for (let n = 1; n <= MAX_DEMOS; n += 1) {
    const path = join(root, demoFolderName(n));
    const taken = await pathExists(
      path,
      (error) =>
        new CaseError('CASE_IO', `${path}: cannot be checked (${(error as Error).message})`, {
          where: path,
          cause: error,
        }),
    );
    if (!taken) return n;
  }
  throw new CaseError('CASE_EXISTS', `${root}: ${MAX_DEMOS} demo cases exist already`, {
    where: root,
  });
}
