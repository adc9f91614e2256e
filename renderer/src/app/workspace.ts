import { WorkspaceDb } from '../db';

let db: WorkspaceDb | null = null;

/** The app's one workspace database, opened on first use. */
export function workspace(): WorkspaceDb {
  db ??= new WorkspaceDb();
  return db;
}

const perCase = new Map<string, WorkspaceDb>();

/** One case's timeline store (events of different cases never mix), opened on first use. */
export function caseWorkspace(caseUuid: string): WorkspaceDb {
  let found = perCase.get(caseUuid);
  if (found === undefined) {
    found = new WorkspaceDb(`sealcase-case-${caseUuid}`);
    perCase.set(caseUuid, found);
  }
  return found;
}
