import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CaseService } from '../../services/cases';
import { startCaseLedger } from '../../services/custody';
import type { CliIo } from '../io';
import type { PassphrasePrompt } from '../passphrase';
import { unlockIdentityFile } from '../unlock-identity';

export interface CaseInitOptions {
  readonly number: string;
  readonly title: string;
  readonly authority?: string;
  readonly identity: string;
}

/** `O=…` of a one-line subject, for case.json's examiner entry. */
function organisationOf(subject: string): string | null {
  for (const part of subject.split(', ')) {
    if (part.startsWith('O=')) return part.slice(2);
  }
  return null;
}

/**
 * `sealcase case init DIR --number N --title T [--authority A] --identity FILE.p12`: the case
 * folder with case.json and the first signed ledger records, created atomically.
 */
export async function caseInit(
  io: CliIo,
  prompt: PassphrasePrompt,
  dir: string,
  options: CaseInitOptions,
  toolVersion: string,
): Promise<void> {
  const target = resolve(io.cwd, dir);
  const now = () => new Date();
  const identity = await unlockIdentityFile(io, prompt, options.identity, now());
  try {
    const service = new CaseService({
      casesRoot: resolve(target, '..'),
      now,
      uuid: randomUUID,
      toolVersion,
    });
    const input = {
      number: options.number,
      title: options.title,
      ...(options.authority === undefined ? {} : { authority: options.authority }),
    };
    const summary = await service.createAt(target, input, {
      examiners: [
        {
          name: identity.name,
          org: organisationOf(identity.subject),
          certificateSha256: identity.certSha256,
        },
      ],
      initialize: async (staging, file) => {
        await startCaseLedger(staging, file, identity, { now, toolVersion });
      },
    });
    io.out(
      `created case ${summary.number} "${summary.title}" in ${summary.path}, custody ledger signed by ${identity.name}\n`,
    );
  } finally {
    identity.lock();
  }
}
