import { X509Certificate, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CustodyLedger, storeSignerCertificates, verifyCaseLedger } from '../../services/custody';
import { CliExit, EXIT, type CliIo } from '../io';
import { terminalPrompt, type PassphrasePrompt } from '../passphrase';
import { unlockIdentityFile } from '../unlock-identity';

export interface CustodyCommandDeps {
  readonly version: string;
  readonly prompt?: PassphrasePrompt;
}

/** A certificate file as DER: PEM (`-----BEGIN CERTIFICATE-----`) or DER. */
async function readCertificate(path: string): Promise<{ der: Uint8Array; name: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliExit(
      EXIT.usage,
      `${path}: cannot read the certificate (${(error as Error).message})`,
    );
  }
  try {
    const cert = new X509Certificate(bytes);
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;
    return { der: new Uint8Array(cert.raw), name: cn };
  } catch {
    throw new CliExit(EXIT.usage, `${path}: not an X.509 certificate (PEM or DER)`);
  }
}

/** Refuses to add to a ledger that does not verify now. */
async function verifiedRecords(caseDir: string) {
  const result = await verifyCaseLedger(caseDir);
  if (result.firstBad !== null) {
    throw new CliExit(
      EXIT.findings,
      `${caseDir}: the ledger does not verify (record ${result.firstBad.seq}: ${result.firstBad.code}); nothing was added`,
    );
  }
  return result.records;
}

async function transfer(
  io: CliIo,
  deps: CustodyCommandDeps,
  dir: string,
  options: { to: string; reason: string; identity: string },
): Promise<void> {
  const caseDir = resolve(io.cwd, dir);
  const receiver = await readCertificate(resolve(io.cwd, options.to));
  const receiverSha = createHash('sha256').update(receiver.der).digest('hex');
  await verifiedRecords(caseDir);
  const now = () => new Date();
  const giver = await unlockIdentityFile(
    io,
    deps.prompt ?? terminalPrompt(),
    options.identity,
    now(),
  );
  try {
    if (giver.certSha256 === receiverSha) {
      throw new CliExit(EXIT.usage, 'custody cannot be transferred to the same examiner');
    }
    const { ledger } = await CustodyLedger.open(caseDir, { now, toolVersion: deps.version }, giver);
    await storeSignerCertificates(caseDir, { certificateDer: receiver.der, chainDer: [] });
    await ledger.append(giver, {
      action: 'custody.transferred',
      reason: options.reason,
      details: { to: { name: receiver.name, cert: receiverSha } },
    });
    const hash = ledger.head?.hash ?? '';
    io.out(
      `custody of ${caseDir} transferred to ${receiver.name}; record ${hash}\n` +
        `the receiver accepts with: sealcase custody accept ${dir} --transfer ${hash} --identity FILE.p12\n`,
    );
  } finally {
    giver.lock();
  }
}

async function accept(
  io: CliIo,
  deps: CustodyCommandDeps,
  dir: string,
  options: { transfer?: string; identity: string },
): Promise<void> {
  const caseDir = resolve(io.cwd, dir);
  const records = await verifiedRecords(caseDir);
  const now = () => new Date();
  const receiver = await unlockIdentityFile(
    io,
    deps.prompt ?? terminalPrompt(),
    options.identity,
    now(),
  );
  try {
    const accepted = new Set(
      records
        .filter((r) => r.record.action === 'custody.accepted')
        .map((r) => (r.record.details as { transfer: string }).transfer),
    );
    const pending = records.filter(
      (r) =>
        r.record.action === 'custody.transferred' &&
        (r.record.details as { to: { cert: string } }).to.cert === receiver.certSha256 &&
        !accepted.has(r.hash),
    );
    const chosen =
      options.transfer === undefined
        ? pending.at(-1)
        : pending.find((r) => r.hash === options.transfer);
    if (chosen === undefined) {
      throw new CliExit(
        EXIT.usage,
        options.transfer === undefined
          ? `${caseDir}: no pending custody transfer to ${receiver.name}`
          : `${caseDir}: ${options.transfer} is not a pending custody transfer to ${receiver.name}`,
      );
    }
    const { ledger } = await CustodyLedger.open(
      caseDir,
      { now, toolVersion: deps.version },
      receiver,
    );
    await ledger.append(receiver, {
      action: 'custody.accepted',
      reason: `custody accepted from ${chosen.record.actor.name}`,
      details: { transfer: chosen.hash },
    });
    io.out(`${receiver.name} accepted custody of ${caseDir} (transfer record ${chosen.hash})\n`);
  } finally {
    receiver.lock();
  }
}

/** `sealcase custody transfer|accept`: a handover signed by the giver, countersigned by the receiver. */
export function registerCustodyCommands(
  program: Command,
  io: CliIo,
  deps: CustodyCommandDeps,
): Command {
  const custody = program
    .command('custody')
    .description(
      'hand a case over: transfer (signed by the giver), accept (signed by the receiver)',
    )
    .exitOverride();
  custody
    .command('transfer')
    .argument('<DIR>', 'case folder')
    .requiredOption('--to <CERT>', "the receiver's certificate (PEM or DER)")
    .requiredOption('--reason <TEXT>', 'why custody is handed over')
    .requiredOption('--identity <FILE.p12>', "the giver's identity")
    .exitOverride()
    .action(async (dir: string, options: { to: string; reason: string; identity: string }) =>
      transfer(io, deps, dir, options),
    );
  custody
    .command('accept')
    .argument('<DIR>', 'case folder')
    .option('--transfer <HASH>', 'the transfer record (default: the latest pending one to you)')
    .requiredOption('--identity <FILE.p12>', "the receiver's identity")
    .exitOverride()
    .action(async (dir: string, options: { transfer?: string; identity: string }) =>
      accept(io, deps, dir, options),
    );
  return custody;
}
