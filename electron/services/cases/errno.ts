import { CaseError } from '../../../shared/errors';

function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Maps a Node file-system error to a `CaseError` that names the path and says what went wrong. */
export function caseErrorFromFs(error: unknown, path: string, doing: string): CaseError {
  const errno = errnoOf(error) ?? 'unknown';
  switch (errno) {
    case 'EEXIST':
      return new CaseError('CASE_EXISTS', `${path}: already exists`, { where: path, cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new CaseError('CASE_NOT_WRITABLE', `${path}: not writable (${errno}) while ${doing}`, {
        where: path,
        cause: error,
      });
    case 'ENOTDIR':
      return new CaseError(
        'CASE_NOT_WRITABLE',
        `${path}: a part of this path is a file, not a folder`,
        {
          where: path,
          cause: error,
        },
      );
    case 'ENOENT':
      return new CaseError('CASE_NOT_FOUND', `${path}: does not exist`, {
        where: path,
        cause: error,
      });
    default:
      return new CaseError('CASE_IO', `${path}: ${doing} failed (${errno})`, {
        where: path,
        cause: error,
      });
  }
}
