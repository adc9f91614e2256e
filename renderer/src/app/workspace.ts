import { WorkspaceDb } from '../db';

let db: WorkspaceDb | null = null;

/** The app's one workspace database, opened on first use. */
export function workspace(): WorkspaceDb {
  db ??= new WorkspaceDb();
  return db;
}
