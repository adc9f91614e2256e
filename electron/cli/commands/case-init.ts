import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CaseService } from '../../services/cases';
import type { CliIo } from '../io';

export interface CaseInitOptions {
  readonly number: string;
  readonly title: string;
  readonly authority?: string;
}

/** `sealcase case init DIR --number N --title T [--authority A]` */
export async function caseInit(
  io: CliIo,
  dir: string,
  options: CaseInitOptions,
  toolVersion: string,
): Promise<void> {
  const target = resolve(io.cwd, dir);
  const service = new CaseService({
    casesRoot: resolve(target, '..'),
    now: () => new Date(),
    uuid: randomUUID,
    toolVersion,
  });
  const summary = await service.createAt(target, options);
  io.out(`created case ${summary.number} "${summary.title}" in ${summary.path}\n`);
}
