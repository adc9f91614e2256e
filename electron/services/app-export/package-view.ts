import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type {
  PackageArtefactViewValue,
  PackageRecordViewValue,
  PackageViewValue,
} from '../../../shared/contracts';
import { canonicalJson, LedgerRecordV1, recordToBeSigned } from '../../../shared/custody';
import { FileArtefactV1 } from '../../../shared/model';
import {
  ATTRIBUTION_JSONL,
  BAG_INFO_TXT,
  CASE_JSON,
  CERT_INDEX_JSON,
  CertIndexV1,
  classifyBagPath,
  EVENTS_JSONL,
  LEDGER_JSONL,
  REPORT_PDF,
} from '../../../shared/package';
import type { PackageFile, PackageReader } from '../../../shared/package/verify/reader';
import { MAX_VIEW_LINE, readLines, readSmall } from './read-lines';

/** The view shows at most this many custody records (the newest) and this many artefacts. */
export const VIEW_RECORDS = 5000;
export const VIEW_ARTEFACTS = 10_000;
const SMALL = 4 * 1024 * 1024;

type Problem = { code: string; file: string; message: string };

/**
 * The read-only view of a package for the Open-package screen: case, certificates, artefacts
 * (from the ledger's `artefact.acquired` records, with their copy under data/originals), custody
 * records, event and attribution counts, the report's place. It trusts nothing it shows: the
 * verification beside it says whether the package is intact. A file that is missing or does not
 * parse becomes a problem with its path; the view never fails because of package content.
 */
export async function buildPackageView(
  reader: PackageReader,
  location: string,
): Promise<PackageViewValue> {
  const problems: Problem[] = [];
  const problem = (file: string, message: string) =>
    problems.push({ code: 'VIEW_UNREADABLE', file, message });
  const listing = await reader.list();
  const files = new Map<string, PackageFile>(listing.files.map((f) => [f.path, f]));
  const text = async (path: string): Promise<string | null> => {
    const file = files.get(path);
    if (file === undefined) {
      problem(path, 'not in the package');
      return null;
    }
    const body = await readSmall(reader, path, file.size, SMALL);
    if (body === null) problem(path, `larger than ${SMALL} bytes: not shown`);
    return body;
  };
  const json = async (path: string): Promise<unknown> => {
    const body = await text(path);
    if (body === null) return null;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      problem(path, 'not JSON');
      return null;
    }
  };

  const caseFile = (await json(CASE_JSON)) as Record<string, unknown> | null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const theCase =
    caseFile === null || typeof caseFile !== 'object'
      ? null
      : {
          number: str(caseFile['number']) ?? '(no number)',
          title: str(caseFile['title']) ?? '(no title)',
          authority: str(caseFile['authority']),
          created: str(caseFile['created']),
        };

  const bagInfo = bagInfoFields(await text(BAG_INFO_TXT));
  const certIndex = CertIndexV1.safeParse(await json(CERT_INDEX_JSON));
  if (!certIndex.success && files.has(CERT_INDEX_JSON))
    problem(CERT_INDEX_JSON, 'does not validate');

  const copies = new Map<string, string>();
  for (const f of listing.files) {
    const kind = classifyBagPath(f.path);
    if (kind?.kind === 'original') copies.set(kind.sha256, f.path);
  }
  const { records, total, artefacts } = await readCustody(reader, files, copies, problem);

  return {
    case: theCase,
    bagInfo,
    certificates: certIndex.success ? certIndex.data.certs : [],
    artefacts,
    custody: { records, total },
    events: await countEvents(reader, files, problem),
    attributionResults: files.has(ATTRIBUTION_JSONL)
      ? await readLines(reader, ATTRIBUTION_JSONL, () => undefined)
      : null,
    report: reportPlace(files.get(REPORT_PDF), location, reader.form),
    problems: [...listing.findings.map((f) => ({ ...f })), ...problems],
  };
}

function bagInfoFields(body: string | null): PackageViewValue['bagInfo'] {
  if (body === null) return null;
  const fields = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([A-Za-z0-9-]+): (.*)$/.exec(line);
    if (m !== null) fields.set(m[1] as string, m[2] as string);
  }
  const get = (label: string) => fields.get(label) ?? null;
  return {
    packageId: get('External-Identifier'),
    baggingDate: get('Bagging-Date'),
    organisation: get('Source-Organization'),
    contact: get('Contact-Name'),
    software: get('Bag-Software-Agent'),
    redaction: get('Sealcase-Redaction'),
    fullPackage: get('Sealcase-Full-Package'),
  };
}

function reportPlace(
  file: PackageFile | undefined,
  location: string,
  form: 'folder' | 'zip',
): PackageViewValue['report'] {
  if (file === undefined) return null;
  return {
    bagPath: REPORT_PDF,
    location: form === 'folder' ? join(location, REPORT_PDF) : `${location} → ${REPORT_PDF}`,
    bytes: file.size,
  };
}

async function readCustody(
  reader: PackageReader,
  files: ReadonlyMap<string, PackageFile>,
  copies: ReadonlyMap<string, string>,
  problem: (file: string, message: string) => void,
): Promise<{
  records: PackageRecordViewValue[];
  total: number;
  artefacts: PackageArtefactViewValue[];
}> {
  const records: PackageRecordViewValue[] = [];
  const artefacts = new Map<string, PackageArtefactViewValue>();
  let total = 0;
  if (!files.has(LEDGER_JSONL)) {
    problem(LEDGER_JSONL, 'not in the package');
  } else {
    let bad = 0;
    await readLines(reader, LEDGER_JSONL, (line, n) => {
      const parsed = line === null ? null : parseRecord(line);
      if (parsed === null) {
        if (bad++ === 0) problem(LEDGER_JSONL, `line ${n} is not a ledger record`);
        return;
      }
      total++;
      const { record, hash } = parsed;
      records.push({
        seq: record.seq,
        at: record.at,
        actor: { name: record.actor.name, cert: record.actor.cert },
        action: record.action,
        artefacts: record.subject.artefacts ?? [],
        ids: record.subject.ids ?? [],
        reason: record.reason,
        hash,
      });
      if (records.length > VIEW_RECORDS) records.shift();
      if (record.action === 'artefact.acquired') {
        const a = FileArtefactV1.safeParse(record.details['artefact']);
        for (const sha of record.subject.artefacts ?? []) {
          if (artefacts.has(sha) || artefacts.size >= VIEW_ARTEFACTS) continue;
          const ok = a.success && a.data.digests.sha256 === sha ? a.data : null;
          artefacts.set(sha, {
            sha256: sha,
            name: ok?.original.name ?? '(name not recorded)',
            size: ok?.size ?? null,
            md5: ok?.digests.md5 ?? null,
            sha1: ok?.digests.sha1 ?? null,
            acquiredAt: ok?.acquiredAt ?? record.at,
            acquiredBy: ok?.acquiredBy ?? record.actor.name,
            receivedFrom: ok?.receivedFrom ?? null,
            bagPath: copies.get(sha) ?? null,
          });
        }
      }
    });
  }
  return { records, total, artefacts: [...artefacts.values()] };
}

function parseRecord(line: string) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = LedgerRecordV1.safeParse(value);
  if (!parsed.success) return null;
  const { sig: _sig, ...unsigned } = parsed.data;
  const hash = createHash('sha256')
    .update(recordToBeSigned(canonicalJson(unsigned)))
    .digest('hex');
  return { record: parsed.data, hash };
}

async function countEvents(
  reader: PackageReader,
  files: ReadonlyMap<string, PackageFile>,
  problem: (file: string, message: string) => void,
): Promise<PackageViewValue['events']> {
  if (!files.has(EVENTS_JSONL)) {
    problem(EVENTS_JSONL, 'not in the package');
    return null;
  }
  const byType: Record<string, number> = {};
  let count = 0;
  let long = 0;
  await readLines(reader, EVENTS_JSONL, (line, n) => {
    if (line === null && long++ === 0) {
      problem(EVENTS_JSONL, `line ${n} is longer than ${MAX_VIEW_LINE} characters: not counted`);
    }
    if (line === null || line === '') return;
    count++;
    const type = /"type":"([^"\\]{1,64})"/.exec(line)?.[1] ?? '(unknown)';
    byType[type] = (byType[type] ?? 0) + 1;
  });
  return { count, byType };
}
