/** Folders of a case (DESIGN.md "the case folder"); vault and ledger content come with their issues. */
export const CASE_SUBFOLDERS = [
  'vault/sha256',
  'vault/tmp',
  'checkpoints',
  'analysis',
  'exports',
] as const;
