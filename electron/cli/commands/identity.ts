import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import {
  assertAbsent,
  createExaminer,
  createLabCa,
  describeIdentity,
  importIdentity,
  readIdentityFile,
  stageIdentityFile,
  unlock,
  type StagedFile,
} from '../../services/identity';
import { CliExit, EXIT, type CliIo } from '../io';
import {
  CA_PASSPHRASE_ENV,
  PASSPHRASE_ENV,
  readPassphrase,
  terminalPrompt,
  type PassphrasePrompt,
} from '../passphrase';

export interface IdentityCommandDeps {
  /** Where to ask for passphrases; defaults to the process's terminal. */
  readonly prompt?: PassphrasePrompt;
  /** Clock for certificate validity. */
  readonly now?: () => Date;
  /** PKCS#12 iterations (tests lower it; the default is the stated 600,000). */
  readonly iterations?: number;
}

const EXAMINER_YEARS = 2;
const CA_YEARS = 10;

function parseYears(value: string): number {
  const years = Number(value);
  if (!/^\d+$/.test(value) || years < 1 || years > 30) {
    throw new CliExit(EXIT.usage, `--validity-years ${value}: use a whole number from 1 to 30`);
  }
  return years;
}

/** Publishes staged files in order; if one fails, removes the ones already published. */
async function commitAll(files: readonly StagedFile[]): Promise<void> {
  const done: string[] = [];
  try {
    for (const file of files) {
      await file.commit();
      done.push(file.path);
    }
  } catch (error) {
    for (const file of files) await file.discard();
    for (const path of done) await unlink(path).catch(() => undefined);
    throw error;
  }
}

async function stageAll(entries: readonly [string, Uint8Array][]): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  try {
    for (const [path, data] of entries) staged.push(await stageIdentityFile(path, data));
  } catch (error) {
    for (const file of staged) await file.discard();
    throw error;
  }
  return staged;
}

interface CreateOptions {
  readonly name: string;
  readonly org: string;
  readonly email?: string;
  readonly out: string;
  readonly ca?: string;
  readonly newCa?: string;
  readonly caName?: string;
  readonly validityYears?: string;
}

async function identityCreate(
  io: CliIo,
  prompt: PassphrasePrompt,
  deps: IdentityCommandDeps,
  options: CreateOptions,
): Promise<void> {
  const out = resolve(io.cwd, options.out);
  const years =
    options.validityYears === undefined ? EXAMINER_YEARS : parseYears(options.validityYears);
  const common = {
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.iterations === undefined ? {} : { iterations: deps.iterations }),
  };
  await assertAbsent(out);

  let ca: { p12: Uint8Array; passphrase: string; where: string } | 'self-signed' = 'self-signed';
  let newCa: { path: string; p12: Uint8Array } | null = null;
  if (options.ca !== undefined) {
    const caPath = resolve(io.cwd, options.ca);
    const p12 = await readIdentityFile(caPath);
    const passphrase = await readPassphrase(io, prompt, {
      envVar: CA_PASSPHRASE_ENV,
      question: `Passphrase for the lab CA ${options.ca}`,
    });
    // Check the CA passphrase before asking for a new one (and before any key is generated).
    unlock(p12, passphrase, { where: options.ca }).lock();
    ca = { p12, passphrase, where: options.ca };
  } else if (options.newCa !== undefined) {
    const caPath = resolve(io.cwd, options.newCa);
    if (caPath === out) throw new CliExit(EXIT.usage, '--new-ca and --out name the same file');
    await assertAbsent(caPath);
    const passphrase = await readPassphrase(io, prompt, {
      envVar: CA_PASSPHRASE_ENV,
      question: `New passphrase for the lab CA ${options.newCa}`,
      confirm: true,
    });
    const created = createLabCa({
      name: options.caName ?? `${options.org} Sealcase Lab CA`,
      org: options.org,
      validityYears: CA_YEARS,
      passphrase,
      ...common,
    });
    newCa = { path: caPath, p12: created.p12 };
    ca = { p12: created.p12, passphrase, where: options.newCa };
  }

  const passphrase = await readPassphrase(io, prompt, {
    envVar: PASSPHRASE_ENV,
    question: `New passphrase for ${options.out}`,
    confirm: true,
  });
  const p12 = createExaminer({
    name: options.name,
    org: options.org,
    ...(options.email === undefined ? {} : { email: options.email }),
    ca,
    validityYears: years,
    passphrase,
    ...common,
  });
  const info = describeIdentity(p12, passphrase, { where: options.out });

  const entries: [string, Uint8Array][] = newCa === null ? [] : [[newCa.path, newCa.p12]];
  entries.push([out, p12]);
  await commitAll(await stageAll(entries));

  if (newCa !== null) io.out(`created lab CA ${newCa.path}\n`);
  io.out(
    `created identity ${out}\n` +
      `  subject: ${info.subject}\n` +
      `  issuer:  ${info.issuer}${info.selfSigned ? ' (self-signed)' : ''}\n` +
      `  valid:   ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}\n` +
      `  sha256:  ${info.certSha256}\n`,
  );
}

async function identityImport(
  io: CliIo,
  prompt: PassphrasePrompt,
  deps: IdentityCommandDeps,
  file: string,
  options: { readonly out: string },
): Promise<void> {
  const source = resolve(io.cwd, file);
  const out = resolve(io.cwd, options.out);
  if (source === out) throw new CliExit(EXIT.usage, 'FILE and --out name the same file');
  await assertAbsent(out);
  const p12 = await readIdentityFile(source);
  const passphrase = await readPassphrase(io, prompt, {
    envVar: PASSPHRASE_ENV,
    question: `Passphrase for ${file}`,
  });
  const imported = importIdentity(p12, passphrase, {
    where: file,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.iterations === undefined ? {} : { iterations: deps.iterations }),
  });
  await commitAll(await stageAll([[out, imported.p12]]));
  io.out(
    `imported identity ${out} (re-encrypted; same passphrase)\n` +
      `  subject: ${imported.info.subject}\n` +
      `  issuer:  ${imported.info.issuer}\n` +
      `  valid:   ${imported.info.notBefore.toISOString()} to ${imported.info.notAfter.toISOString()}\n` +
      `  sha256:  ${imported.info.certSha256}\n`,
  );
}

async function identityShow(io: CliIo, prompt: PassphrasePrompt, file: string): Promise<void> {
  const p12 = await readIdentityFile(resolve(io.cwd, file));
  const passphrase = await readPassphrase(io, prompt, {
    envVar: PASSPHRASE_ENV,
    question: `Passphrase for ${file}`,
  });
  const info = describeIdentity(p12, passphrase, { where: file });
  io.out(
    `subject:    ${info.subject}\n` +
      `issuer:     ${info.issuer}${info.selfSigned ? ' (self-signed)' : ''}\n` +
      `not before: ${info.notBefore.toISOString()}\n` +
      `not after:  ${info.notAfter.toISOString()}\n` +
      `serial:     ${info.serialNumber}\n` +
      `sha256:     ${info.certSha256}\n` +
      info.chain.map((subject, i) => `chain[${i}]:   ${subject}\n`).join(''),
  );
}

/**
 * Adds `sealcase identity create|import|show` to `program`. Failures surface as thrown errors
 * (`IdentityError`, `CliExit`) that `runCli` prints as one line with exit code 2.
 */
export function registerIdentityCommands(
  program: Command,
  io: CliIo,
  deps: IdentityCommandDeps = {},
): Command {
  const prompt = (): PassphrasePrompt => deps.prompt ?? terminalPrompt();
  const identity = program
    .command('identity')
    .description(
      `examiner signing identities (PKCS#12); passphrases from ${PASSPHRASE_ENV} / ${CA_PASSPHRASE_ENV} or a prompt`,
    )
    .exitOverride();

  identity
    .command('create')
    .description('create an RSA-3072 examiner key and certificate in a new PKCS#12 file')
    .requiredOption('--name <N>', "examiner's name (certificate common name)")
    .requiredOption('--org <O>', 'organisation')
    .option('--email <E>', 'e-mail address (certificate subjectAltName)')
    .requiredOption('--out <FILE.p12>', 'the new identity file; must not exist')
    .addOption(new Option('--ca <FILE.p12>', 'issue from this lab CA').conflicts('newCa'))
    .option('--new-ca <FILE.p12>', 'create a new lab CA in this file and issue from it')
    .option('--ca-name <N>', 'common name for --new-ca (default: "ORG Sealcase Lab CA")')
    .option('--validity-years <N>', `certificate validity (default ${EXAMINER_YEARS})`)
    .exitOverride()
    .action(async (options: CreateOptions) => identityCreate(io, prompt(), deps, options));

  identity
    .command('import')
    .description(
      'validate a PKCS#12 from the agency PKI and re-encrypt it with Sealcase parameters',
    )
    .argument('<FILE.p12>', 'the PKCS#12 to import')
    .requiredOption('--out <FILE.p12>', 'the new identity file; must not exist')
    .exitOverride()
    .action(async (file: string, options: { out: string }) =>
      identityImport(io, prompt(), deps, file, options),
    );

  identity
    .command('show')
    .description('print the subject, issuer, validity and certificate SHA-256 of an identity')
    .argument('<FILE.p12>', 'identity file')
    .exitOverride()
    .action(async (file: string) => identityShow(io, prompt(), file));

  return identity;
}
