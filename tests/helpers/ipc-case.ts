import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHandlers, dispatch, type HandlerTable, type Services } from '../../electron/ipc';
import { CaseService } from '../../electron/services/cases';
import { ExaminerSession } from '../../electron/services/session';
import type { Channel, ProgressEventValue, ResponseOf, Result } from '../../shared/contracts';
import { TEST_PASSPHRASE, testIdentity } from './test-identity';

/** `dispatch` with the response typed by channel (dispatch itself checks the envelope). */
export const typedDispatch = <C extends Channel>(h: HandlerTable, channel: C, payload: unknown) =>
  dispatch(h, channel, payload) as Promise<Result<ResponseOf<C>>>;

export interface CaseWithEvidence {
  readonly h: HandlerTable;
  readonly session: ExaminerSession;
  readonly progress: ProgressEventValue[];
  readonly caseId: string;
  readonly caseDir: string;
}

/**
 * The real handler table over `root/cases`: Ann Tamm signed in, a case `number` created, and
 * `files` (name → text) acquired through `intake:start`, waited for until done.
 */
export async function caseWithEvidence(
  root: string,
  number: string,
  files: Readonly<Record<string, string | Buffer>>,
  services: Partial<Services> = {},
): Promise<CaseWithEvidence> {
  const progress: ProgressEventValue[] = [];
  const session = new ExaminerSession();
  const h = createHandlers({
    cases: new CaseService({
      casesRoot: join(root, 'cases'),
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: 't',
    }),
    versions: { app: 't', electron: null, chromium: null, node: process.versions.node },
    session,
    ...services,
    progress: (e) => {
      progress.push(e);
      services.progress?.(e);
    },
  });
  const p12 = join(root, 'examiner.p12');
  await writeFile(p12, testIdentity('Ann Tamm').p12);
  const must = async (r: Promise<Result<unknown>>, what: string) => {
    const done = await r;
    if (!done.ok) throw new Error(`${what}: ${done.error.code} ${done.error.message}`);
  };
  await must(dispatch(h, 'identity:unlock', { path: p12, passphrase: TEST_PASSPHRASE }), 'unlock');
  await must(dispatch(h, 'case:create', { number, title: 'Test case' }), 'case:create');
  const caseId = `${number}.sealcase`;
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    paths.push(join(root, name));
    await writeFile(join(root, name), text);
  }
  await must(dispatch(h, 'intake:start', { id: caseId, paths }), 'intake:start');
  for (let i = 0; i < 400 && !progress.some((e) => e.state !== 'running'); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const end = progress.find((e) => e.state !== 'running');
  if (end?.state !== 'done') throw new Error(`intake did not finish: ${end?.message ?? 'timeout'}`);
  return { h, session, progress, caseId, caseDir: join(root, 'cases', caseId) };
}
