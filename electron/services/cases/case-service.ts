import { lstat, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CaseId,
  type CaseDetailValue,
  type CaseListingValue,
  type CaseSummaryValue,
} from '../../../shared/contracts';
import { CaseError, isSealcaseError } from '../../../shared/errors';
import {
  CASE_FILE_FORMAT,
  CASE_FILE_NAME,
  CASE_FILE_VERSION,
  CASE_FOLDER_SUFFIX,
  CaseFileV1,
  caseFolderName,
  parseNewCase,
  readCaseFile,
  type CaseFile,
  type ExaminerEntry,
} from '../../../shared/model';
import { fsyncDir, writeFileDurably } from '../fs/atomic';

export interface CreateCaseOptions {
  readonly examiners?: readonly ExaminerEntry[];
  readonly initialize?: (stagingDir: string, file: CaseFile) => Promise<void>;
}
import { CASE_SUBFOLDERS } from './case-layout';
import { caseErrorFromFs } from './errno';

export interface CaseServiceDeps {
  /** Folder holding the app's cases (`NAME.sealcase/` folders). */
  readonly casesRoot: string;
  readonly now: () => Date;
  readonly uuid: () => string;
  readonly toolVersion: string;
}

export interface NewCase {
  readonly number: string;
  readonly title: string;
  readonly authority?: string | undefined;
}

function summarize(dir: string, file: CaseFile): CaseSummaryValue {
  return {
    id: basename(dir),
    uuid: file.id,
    number: file.number,
    title: file.title,
    authority: file.authority,
    created: file.created,
    path: dir,
  };
}

/** Reads and validates `DIR/case.json`. Never rewrites it. */
export async function readCaseFolder(dir: string): Promise<CaseFile> {
  const file = join(dir, CASE_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw caseErrorFromFs(error, file, 'reading case.json');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CaseError('CASE_INVALID', `${file}: not valid JSON (${(error as Error).message})`, {
      where: file,
      cause: error,
    });
  }
  return readCaseFile(json, file);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw caseErrorFromFs(error, path, 'checking the path');
  }
}

/**
 * Case folders: create (atomically: built under a temporary name, then renamed), list, open.
 * Used by the app's IPC handlers and by the CLI alike.
 */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  get casesRoot(): string {
    return this.deps.casesRoot;
  }

  /** Creates `DIR` as a new case folder. Fails with `CASE_EXISTS` if `DIR` exists at all. */
  /**
   * Creates the case folder atomically. `options.initialize` runs inside the staging folder after
   * case.json is written (the custody ledger's first records go there), so a failure anywhere
   * leaves no case folder at all.
   */
  async createAt(
    dir: string,
    input: NewCase,
    options: CreateCaseOptions = {},
  ): Promise<CaseSummaryValue> {
    const target = resolve(dir);
    const fields = parseNewCase(input);
    const file: CaseFile = {
      format: CASE_FILE_FORMAT,
      version: CASE_FILE_VERSION,
      id: this.deps.uuid(),
      number: fields.number,
      title: fields.title,
      authority: fields.authority,
      examiners: [...(options.examiners ?? [])],
      created: this.deps.now().toISOString(),
      tool: { name: 'sealcase', version: this.deps.toolVersion },
    };
    CaseFileV1.parse(file);

    if (await exists(target)) {
      throw new CaseError(
        'CASE_EXISTS',
        `${target}: a file or folder with this name already exists`,
        { where: target },
      );
    }
    const parent = dirname(target);
    try {
      await mkdir(parent, { recursive: true });
    } catch (error) {
      throw caseErrorFromFs(error, parent, 'creating the parent folder');
    }
    const staging = join(parent, `.${basename(target)}.creating-${file.id}`);
    try {
      await mkdir(staging);
    } catch (error) {
      throw caseErrorFromFs(error, parent, 'creating the case folder');
    }
    try {
      for (const sub of CASE_SUBFOLDERS) await mkdir(join(staging, sub), { recursive: true });
      const json = `${JSON.stringify(file, null, 2)}\n`;
      await writeFileDurably(
        join(staging, `${CASE_FILE_NAME}.tmp`),
        join(staging, CASE_FILE_NAME),
        json,
      );
      if (options.initialize !== undefined) await options.initialize(staging, file);
      await fsyncDir(staging);
      // The only window for a race: something created `target` since the check above. rename(2)
      // would replace an empty folder there, so check once more right before.
      if (await exists(target)) {
        throw new CaseError(
          'CASE_EXISTS',
          `${target}: a file or folder with this name already exists`,
          {
            where: target,
          },
        );
      }
      await rename(staging, target);
      await fsyncDir(parent);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (isSealcaseError(error)) throw error;
      throw caseErrorFromFs(error, target, 'creating the case folder');
    }
    return summarize(target, file);
  }

  /** Creates a case in the cases root, in a folder named after the case number. */
  async create(input: NewCase, options: CreateCaseOptions = {}): Promise<CaseSummaryValue> {
    const { number } = parseNewCase(input);
    return this.createAt(join(this.deps.casesRoot, caseFolderName(number)), input, options);
  }

  async list(): Promise<CaseListingValue> {
    const root = this.deps.casesRoot;
    try {
      await mkdir(root, { recursive: true });
    } catch (error) {
      throw caseErrorFromFs(error, root, 'creating the cases folder');
    }
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true }))
        .filter(
          (d) => d.isDirectory() && d.name.endsWith(CASE_FOLDER_SUFFIX) && !d.name.startsWith('.'),
        )
        .map((d) => d.name)
        .sort();
    } catch (error) {
      throw caseErrorFromFs(error, root, 'listing the cases folder');
    }
    const listing: CaseListingValue = { cases: [], problems: [] };
    for (const name of names) {
      const dir = join(root, name);
      try {
        listing.cases.push(summarize(dir, await readCaseFolder(dir)));
      } catch (error) {
        const code = isSealcaseError(error) ? error.code : 'CASE_IO';
        listing.problems.push({ id: name, path: dir, code, message: (error as Error).message });
      }
    }
    listing.cases.sort((a, b) =>
      a.created === b.created ? a.id.localeCompare(b.id) : a.created < b.created ? 1 : -1,
    );
    return listing;
  }

  async openAt(dir: string): Promise<CaseDetailValue> {
    const target = resolve(dir);
    const file = await readCaseFolder(target);
    return {
      ...summarize(target, file),
      examiners: file.examiners,
      formatVersion: file.version,
      tool: file.tool,
    };
  }

  /** Opens a case of the cases root by its folder name (validated by the contract). */
  async open(id: string): Promise<CaseDetailValue> {
    // The contract validates ids over IPC; the service checks again for every other caller.
    if (!CaseId.safeParse(id).success) {
      throw new CaseError('CASE_NOT_FOUND', `${id}: not a case folder name`, { where: id });
    }
    return this.openAt(join(this.deps.casesRoot, id));
  }
}
