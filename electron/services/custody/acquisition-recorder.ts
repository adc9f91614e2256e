import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ArtefactRecordV1, type ArtefactRecord } from '../../../shared/model';
import type { CleanupReport } from '../vault';
import { readArtefacts, type AcquisitionRecorder } from '../intake';
import type { CustodyLedger, LedgerSigner } from './ledger-writer';

/**
 * Intake's recorder on the custody ledger: every acquisition is an `artefact.acquired` record
 * signed by the examiner, carrying the full provenance; then the derived index line
 * (`artefacts.jsonl`) is written through `index`. The ledger is the record of truth.
 */
export class LedgerAcquisitionRecorder implements AcquisitionRecorder {
  constructor(
    private readonly ledger: CustodyLedger,
    private readonly signer: LedgerSigner,
    private readonly index: AcquisitionRecorder,
  ) {}

  async recordAcquired(artefact: ArtefactRecord): Promise<void> {
    const provenance = artefact.receivedFrom ?? artefact.source ?? null;
    if (artefact.entry === 'file') {
      await this.ledger.append(this.signer, {
        action: 'artefact.acquired',
        subject: { artefacts: [artefact.digests.sha256] },
        reason:
          provenance === null
            ? `acquired ${artefact.original.name}`
            : `acquired ${artefact.original.name}; received from ${provenance}`,
        details: { artefact },
      });
    } else {
      // A symlink is recorded, not followed: the subject is the SHA-256 of its target text.
      const target = createHash('sha256').update(artefact.target, 'utf8').digest('hex');
      await this.ledger.append(this.signer, {
        action: 'artefact.acquired',
        subject: { artefacts: [target], ids: [`symlink:${artefact.original.path}`] },
        reason: `recorded the symbolic link ${artefact.original.name} (not followed)`,
        details: { artefact, subjectIs: 'sha256 of the link target text' },
      });
    }
    await this.index.recordAcquired(artefact);
  }

  async recordCleanup(report: CleanupReport): Promise<void> {
    await this.index.recordCleanup(report);
  }

  /**
   * Blobs named by `artefact.acquired` records of the ledger (the record of truth). An
   * acquisition the ledger holds but the index lacks (a kill between the two writes) is
   * written to the index again.
   */
  async recordedBlobs(): Promise<ReadonlySet<string>> {
    const text = await readFile(this.ledger.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const indexed = new Set((await readArtefacts(this.ledger.caseDir)).records.map((r) => r.id));
    const blobs = new Set<string>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let record: { action?: unknown; details?: { artefact?: unknown } };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        continue; // a torn tail: CustodyLedger.open quarantines it
      }
      if (record.action !== 'artefact.acquired') continue;
      const parsed = ArtefactRecordV1.safeParse(record.details?.artefact);
      if (!parsed.success) continue;
      const artefact = parsed.data;
      if (artefact.entry === 'file') blobs.add(artefact.digests.sha256);
      if (!indexed.has(artefact.id)) {
        await this.index.recordAcquired(artefact);
        indexed.add(artefact.id);
      }
    }
    return blobs;
  }
}
