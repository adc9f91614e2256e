import { checkpointToBeSigned, verifyLedger, type Checkpoint } from '../../custody';
import { fromBase64, fromHex, toHex, utf8Decode } from '../../custody/bytes';
import { canonicalJson } from '../../custody/canonical';
import {
  leafHash,
  MerkleAccumulator,
  verifyConsistency,
  verifyInclusion,
} from '../../custody/merkle';
import { CheckpointV1 } from '../../custody/record';
import { BAG_INFO_TXT, CHECKPOINT_JSON, LEDGER_JSONL, PROOFS_JSON } from '../layout';
import { ProofsV1 } from '../package-json';
import { parseJsonFile } from './json-file';
import type { VerifyRun } from './run';

/** Whole-file reads of the custody files (a ledger record is ≤ 1 MiB; proofs grow with log n). */
export const MAX_LEDGER_BYTES = 512 * 1024 * 1024;

function withoutSig(cp: Checkpoint): Omit<Checkpoint, 'sig'> {
  const { sig: _sig, ...rest } = cp;
  return rest;
}

async function checkpointHash(run: VerifyRun, cp: Checkpoint): Promise<string> {
  return toHex(await run.deps.custody.sha256(checkpointToBeSigned(canonicalJson(withoutSig(cp)))));
}

/**
 * FORMAT.md §7.10: the ledger passes every check of custody FORMAT.md §9 against the package's
 * certificates and anchors with data/custody/checkpoint.json, which covers exactly its records;
 * bag-info's ledger size and root agree. Keeps the record hashes and what the records name.
 */
export async function checkLedger(run: VerifyRun): Promise<Checkpoint | null> {
  let checkpoint: Checkpoint | null = null;
  await run.step('ledger', 'Custody ledger and checkpoint', 'LEDGER_INVALID', async () => {
    if (!run.has(LEDGER_JSONL) || !run.has(CHECKPOINT_JSON)) {
      return 'skipped: the ledger or its checkpoint is missing';
    }
    const ledger = await run.read(LEDGER_JSONL, MAX_LEDGER_BYTES);
    const cpBytes = await run.read(CHECKPOINT_JSON, 1024 * 1024);
    const cp = parseJsonFile(run, CHECKPOINT_JSON, cpBytes, CheckpointV1, 'CHECKPOINT_INVALID');
    const certs = [...run.certs.values()];
    const result = await verifyLedger(ledger, {
      crypto: run.deps.custody,
      trust: {
        certificates: certs.map((c) => c.der),
        anchors: certs.filter((c) => c.anchor).map((c) => c.der),
      },
      checkpoints: [utf8Decode(cpBytes) ?? ''],
    });
    const bad = result.firstBad;
    if (bad !== null) {
      const inCheckpoint = bad.checkpoint !== undefined;
      run.add(
        inCheckpoint ? 'CHECKPOINT_INVALID' : 'LEDGER_INVALID',
        inCheckpoint ? CHECKPOINT_JSON : LEDGER_JSONL,
        `${inCheckpoint ? '' : `record ${bad.seq}: `}${bad.code}: ${bad.message}`,
      );
    }
    if (cp !== null && result.ok && cp.size !== result.records.length) {
      run.add(
        'CHECKPOINT_INVALID',
        CHECKPOINT_JSON,
        `covers ${cp.size} records, the package's ledger has ${result.records.length}`,
      );
    }
    const info = run.bagInfo;
    if (info !== null && cp !== null) {
      if (info['Sealcase-Ledger-Size'] !== String(cp.size)) {
        run.add(
          'BAG_INFO_INVALID',
          BAG_INFO_TXT,
          `Sealcase-Ledger-Size ${info['Sealcase-Ledger-Size']}, the checkpoint covers ${cp.size}`,
        );
      }
      if (info['Sealcase-Checkpoint-Root'] !== cp.root) {
        run.add(
          'BAG_INFO_INVALID',
          BAG_INFO_TXT,
          `Sealcase-Checkpoint-Root ${info['Sealcase-Checkpoint-Root']}, the checkpoint's root is ${cp.root}`,
        );
      }
    }
    for (const r of result.records) {
      if (r.record.action === 'artefact.acquired') {
        for (const a of r.record.subject.artefacts ?? []) run.acquired.add(a);
      } else if (r.record.action === 'analysis.recorded') {
        run.decisions.add((r.record.details as { sha256: string }).sha256);
      }
    }
    run.recordHashes = result.records.map((r) => r.hash);
    run.ledger = { records: result.records.length, root: result.root, checkpointAt: cp?.at ?? '' };
    checkpoint = result.ok ? cp : null;
    const warnings = result.warnings.map((w) => w.code);
    return `${result.records.length} records${result.ok ? ' verified' : ''}, Merkle root ${result.root}${warnings.length > 0 ? `; warnings: ${[...new Set(warnings)].join(', ')}` : ''}`;
  });
  return checkpoint;
}

/**
 * FORMAT.md §7.11: proofs.json names this checkpoint, every record's inclusion path verifies,
 * and a consistency proof (when present) verifies from the previous export's signed checkpoint.
 */
export async function checkProofs(run: VerifyRun, cp: Checkpoint | null): Promise<void> {
  if (cp === null) {
    run.skip('proofs', 'Merkle proofs', 'the ledger or its checkpoint did not verify');
    return;
  }
  await run.step('proofs', 'Merkle proofs (inclusion, consistency)', 'PROOFS_INVALID', async () => {
    if (!run.has(PROOFS_JSON)) return 'skipped: data/custody/proofs.json is missing';
    const sha256 = (d: Uint8Array) => run.deps.custody.sha256(d);
    const proofs = parseJsonFile(
      run,
      PROOFS_JSON,
      await run.read(PROOFS_JSON, MAX_LEDGER_BYTES),
      ProofsV1,
      'PROOFS_INVALID',
    );
    if (proofs === null) return 'proofs.json does not validate';
    const hash = await checkpointHash(run, cp);
    const head = proofs.checkpoint;
    if (head.size !== cp.size || head.root !== cp.root || head.hash !== hash) {
      run.add(
        'PROOFS_INVALID',
        PROOFS_JSON,
        `names checkpoint ${head.hash} (size ${head.size}), the package's is ${hash} (size ${cp.size})`,
      );
      return 'the proofs are for another checkpoint';
    }
    const root = fromHex(cp.root)!;
    let bad = 0;
    for (const p of proofs.inclusion) {
      const expected = run.recordHashes[p.seq];
      const ok =
        expected === p.record &&
        (await verifyInclusion(
          sha256,
          p.seq,
          cp.size,
          await leafHash(sha256, fromHex(p.record)!),
          p.path.map((h) => fromHex(h)!),
          root,
        ));
      if (!ok) {
        bad++;
        if (bad <= 20)
          run.add(
            'INCLUSION_PROOF_INVALID',
            PROOFS_JSON,
            `record ${p.seq}: the inclusion proof does not verify`,
          );
      }
    }
    if (bad > 20)
      run.add(
        'INCLUSION_PROOF_INVALID',
        PROOFS_JSON,
        `${bad - 20} more records' proofs do not verify`,
      );
    let consistency = 'first export (no earlier package)';
    if (proofs.consistency !== null) {
      const prev = proofs.consistency.previous.checkpoint;
      const problem = await previousCheckpointProblem(run, prev);
      const proven =
        problem === null &&
        (await verifyConsistency(
          sha256,
          prev.size,
          cp.size,
          fromHex(prev.root)!,
          root,
          proofs.consistency.path.map((h) => fromHex(h)!),
        ));
      if (!proven) {
        run.add(
          'CONSISTENCY_PROOF_INVALID',
          PROOFS_JSON,
          problem ?? `the consistency proof from size ${prev.size} to ${cp.size} does not verify`,
        );
      }
      consistency = `extends package ${proofs.consistency.previous.packageId} (checkpoint size ${prev.size})${proven ? '' : ': NOT proven'}`;
    }
    return `${proofs.inclusion.length - bad} of ${proofs.inclusion.length} inclusion proofs verify; ${consistency}`;
  });
}

/** The previous export's checkpoint: signed by a trusted certificate, its root that of our prefix. */
async function previousCheckpointProblem(run: VerifyRun, prev: Checkpoint): Promise<string | null> {
  const cert = run.certs.get(prev.actor.cert);
  if (cert === undefined || !cert.trusted)
    return 'the previous checkpoint is signed by an unknown or untrusted certificate';
  const sig = fromBase64(prev.sig);
  const tbs = checkpointToBeSigned(canonicalJson(withoutSig(prev)));
  let valid: boolean;
  try {
    valid = sig !== null && (await run.deps.custody.verifyRsaSha256(cert.der, tbs, sig));
  } catch {
    valid = false;
  }
  if (!valid) return "the previous checkpoint's signature does not verify";
  if (prev.size > run.recordHashes.length)
    return 'the previous checkpoint is larger than this ledger';
  const sha256 = (d: Uint8Array) => run.deps.custody.sha256(d);
  const acc = new MerkleAccumulator(sha256);
  for (let i = 0; i < prev.size; i++)
    await acc.append(await leafHash(sha256, fromHex(run.recordHashes[i]!)!));
  const root = toHex(await acc.root());
  return root === prev.root
    ? null
    : `the previous checkpoint's root ${prev.root} is not the root ${root} of this ledger's first ${prev.size} records`;
}
