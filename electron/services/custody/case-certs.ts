import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerTrust } from '../../../shared/custody';
import { writeFileDurably } from '../fs/atomic';

/**
 * Certificates of a case (shared/custody/FORMAT.md): `certs/<sha256>.der` for every signer and
 * chain certificate, `certs/trusted/<sha256>.der` for the lab CAs the case trusts.
 */
export const CERTS_DIR = 'certs';
export const TRUSTED_DIR = 'certs/trusted';

const hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

async function storeDer(dir: string, der: Uint8Array): Promise<string> {
  const name = `${hex(der)}.der`;
  const target = join(dir, name);
  const present = await stat(target).then(
    () => true,
    () => false,
  );
  if (!present) {
    await mkdir(dir, { recursive: true });
    await writeFileDurably(`${target}.tmp-${process.pid}`, target, der);
  }
  return name;
}

/** Stores a signer's certificate and its chain under certs/. */
export async function storeSignerCertificates(
  caseDir: string,
  signer: { readonly certificateDer: Uint8Array; readonly chainDer: readonly Uint8Array[] },
): Promise<void> {
  const dir = join(caseDir, CERTS_DIR);
  await storeDer(dir, signer.certificateDer);
  for (const der of signer.chainDer) await storeDer(dir, der);
}

/**
 * Makes the case trust the identity's issuing lab CA: the last certificate of its chain, or the
 * certificate itself when it is self-issued.
 */
export async function trustIssuerOf(
  caseDir: string,
  signer: { readonly certificateDer: Uint8Array; readonly chainDer: readonly Uint8Array[] },
): Promise<string> {
  const anchor = signer.chainDer.at(-1) ?? signer.certificateDer;
  return storeDer(join(caseDir, TRUSTED_DIR), anchor);
}

async function readDers(dir: string): Promise<Uint8Array[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: Uint8Array[] = [];
  for (const name of names.filter((n) => n.endsWith('.der')).sort()) {
    out.push(new Uint8Array(await readFile(join(dir, name))));
  }
  return out;
}

/** The trust material verification uses: every certificate in certs/, anchors in certs/trusted/. */
export async function readCaseTrust(caseDir: string): Promise<LedgerTrust> {
  return {
    certificates: await readDers(join(caseDir, CERTS_DIR)),
    anchors: await readDers(join(caseDir, TRUSTED_DIR)),
  };
}
