import { resolve } from 'node:path';
import type { Command } from 'commander';
import { isSealcaseError } from '../../../shared/errors';
import type { PackageVerification, VerifyProgress } from '../../../shared/package/verify';
import { CliExit, EXIT, type CliIo } from '../io';
import { formatBytes, stderrSink, type ProgressSink } from '../progress';

export interface VerifyCommandDeps {
  readonly progress?: ProgressSink;
}

const MARK = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;

/** The human form: every check with its result, then every finding, then the trust anchors. */
export function renderVerification(label: string, v: PackageVerification): string {
  const s = v.summary;
  let out = `Package ${label} (${s.form}): ${s.packageId ?? 'no package id'}, case ${s.caseNumber ?? 'unknown'}, ${s.files} files, ${formatBytes(s.bytes)}\n`;
  for (const c of v.checks) out += `  ${MARK[c.status]}  ${c.title}: ${c.detail}\n`;
  if (v.findings.length > 0) {
    out += `Findings (${v.findings.length}):\n`;
    for (const f of v.findings) out += `  ${f.code}  ${f.file}: ${f.message}\n`;
  }
  if (s.signer !== null)
    out += `Signed by ${s.signer.subject} (certificate SHA-256 ${s.signer.sha256})\n`;
  if (s.manifestSha256 !== null) out += `Manifest SHA-256 ${s.manifestSha256}\n`;
  if (s.anchors.length > 0) {
    out += 'Trust anchors used (compare with the fingerprint your lab publishes):\n';
    for (const a of s.anchors) out += `  ${a.sha256}  ${a.subject}\n`;
  }
  out += v.valid ? 'Result: VALID\n' : `Result: NOT VALID (${v.findings.length} findings)\n`;
  return out;
}

function progressDrawer(sink: ProgressSink): { update(p: VerifyProgress): void; clear(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!sink.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
      sink.write(
        `\r\x1b[2Kverifying: ${p.check} ${pct}% ${formatBytes(p.done)}/${formatBytes(p.total)}`,
      );
      drawn = true;
    },
    clear() {
      if (drawn) sink.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/**
 * `sealcase verify PKG [--json]`: exit 0 valid, 1 findings (each with its code and file), 2 the
 * package cannot be read at all. Read-only: writes nothing anywhere.
 */
export async function verifyCommand(
  io: CliIo,
  pkg: string,
  options: { json?: boolean },
  deps: VerifyCommandDeps = {},
): Promise<void> {
  const path = resolve(io.cwd, pkg);
  const bar = progressDrawer(deps.progress ?? stderrSink());
  let result: PackageVerification;
  try {
    // Loaded on use: the verifier pulls in pkijs (see export.ts).
    const { verifyPackageAt } = await import('../../services/package');
    result = await verifyPackageAt(path, (p) => bar.update(p));
  } catch (error) {
    bar.clear();
    if (isSealcaseError(error)) {
      throw new CliExit(EXIT.usage, `cannot verify ${path}: ${error.code}: ${error.message}`);
    }
    throw error;
  }
  bar.clear();
  const text =
    options.json === true ? `${JSON.stringify(result)}\n` : renderVerification(pkg, result);
  if (io.outAsync !== undefined) await io.outAsync(text);
  else io.out(text);
  if (!result.valid) {
    const first = result.findings[0]!;
    throw new CliExit(
      EXIT.findings,
      `package not valid: ${path}: ${result.findings.length} findings, the first ${first.code} in ${first.file}`,
    );
  }
}

export function registerVerifyCommand(
  program: Command,
  io: CliIo,
  deps: VerifyCommandDeps = {},
): Command {
  return program
    .command('verify')
    .description(
      'verify a package (folder or zip): bag, hashes, signatures, report, ledger, proofs; exit 0 valid, 1 findings, 2 unreadable',
    )
    .argument('<PKG>', 'package folder or .zip')
    .option('--json', 'print the result as one JSON object')
    .exitOverride()
    .action(async (pkg: string, options: { json?: boolean }) =>
      verifyCommand(io, pkg, options, deps),
    );
}
