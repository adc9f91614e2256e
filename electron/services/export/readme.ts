/**
 * README.txt for the recipient (shared/package/FORMAT.md §1): what the package is and how to check
 * it three ways — Sealcase, verify.html, standard tools — with what each check proves.
 */
export interface ReadmeInput {
  readonly packageId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  readonly examiner: string;
  readonly organisation: string;
  readonly createdAt: string;
  readonly toolVersion: string;
  readonly originals: number;
  readonly events: number;
  readonly ledgerRecords: number;
  readonly checkpointRoot: string;
  /** Anchor certificates: bag path of the PEM and SHA-256 of the DER. */
  readonly anchors: ReadonlyArray<{ pem: string; sha256: string }>;
  /** A redacted derivative (FORMAT.md §10), else null. */
  readonly redaction: {
    readonly fullPackage: string;
    readonly fullPackageId: string;
    readonly withheld: readonly string[];
    readonly originalsLeftOut: number;
    readonly decisionsLeftOut: number;
  } | null;
}

function redactionText(r: NonNullable<ReadmeInput['redaction']>): string {
  return `
THIS IS A REDACTED DERIVATIVE, MADE FOR SHARING
It derives from the full package ${r.fullPackageId}, whose manifest-sha256.txt has SHA-256
    ${r.fullPackage}
(bag-info.txt: Sealcase-Full-Package). The values of these fields are withheld:
    ${r.withheld.join(', ')}
Each is replaced by a salted commitment "sha256:<hex>"; the same value in the same field has
the same commitment everywhere, so records still correlate. data/redaction.json states the
scheme and what was withheld. The salt stays with the examining lab, not in this package: with
it the lab can prove a withheld value; without it nobody can test a guess.
The ${r.originalsLeftOut} original(s) are NOT in this package: they hold the withheld values in clear.
${r.decisionsLeftOut} decision file(s) naming a withheld value are left out for the same reason.
The ledger still names every original and decision by SHA-256; the full package holds them.
`;
}

export function readmeText(r: ReadmeInput): string {
  const anchor = r.anchors[0]?.pem ?? 'data/certs/<lab CA>.pem';
  const fingerprints = r.anchors.map((a) => `    ${a.sha256}  (${a.pem})`).join('\n');
  return `SEALCASE EVIDENCE PACKAGE
=========================

Package   ${r.packageId}
Case      ${r.caseNumber} — ${r.caseTitle}
Examiner  ${r.examiner} (${r.organisation})
Created   ${r.createdAt} by Sealcase ${r.toolVersion}
Contents  ${r.originals} original(s), ${r.events} derived event(s), ${r.ledgerRecords} custody ledger record(s)
Ledger    Merkle root ${r.checkpointRoot}
${r.redaction === null ? '' : redactionText(r.redaction)}
WHAT THIS IS
This folder is a BagIt bag (RFC 8493). data/ holds the evidence: the originals exactly as
acquired (data/originals/<SHA-256>/<name>), the signed PDF report (data/report.pdf), the
signed custody ledger with its checkpoint and Merkle proofs (data/custody/), the examiner and
lab certificates (data/certs/), the events derived from the originals (data/events.jsonl),
attribution results (data/attribution.jsonl), the analyst's recorded decisions
(data/analysis/), CASE/UCO JSON-LD (data/case-uco.jsonld) and a Timesketch timeline
(data/timesketch.jsonl). manifest-sha256.txt lists the SHA-256 of every file under data/;
tagmanifest-sha256.txt lists the files beside it; both lists are signed by the examiner
(the .p7s files: detached CMS signatures). The format is described in Sealcase's
shared/package/FORMAT.md (package version 1).

FIRST: TRUST THE RIGHT KEY
A package cannot vouch for itself. Compare the SHA-256 fingerprint of the trust anchor(s) below
with the fingerprint the lab gave you by another channel (letter, phone, its website):
${fingerprints === '' ? '    (none)' : fingerprints}
  sha256sum ${anchor.replace(/\.pem$/, '.der')}

CHECK 1 — with Sealcase (all checks at once)
  sealcase verify <this folder or zip>          exit 0 = valid, 1 = findings, 2 = unreadable
  It checks the bag, every hash, both manifest signatures, the PDF signature, the ledger
  (every record's signature and chain), the checkpoint and every Merkle proof, that every
  original was acquired in a signed ledger record, and that events refer only to originals here.
  sealcase reproduce <package> re-derives events.jsonl and attribution from the originals.

CHECK 2 — in a browser, offline
  Open verify.html (in this folder) in a current browser, choose this folder or the zip. The page
  makes no network requests; it runs the same checks and lists each with its result.

CHECK 3 — with standard tools (run them in this folder)
  sha256sum -c manifest-sha256.txt
      Every file under data/ is byte-for-byte the one the examiner packaged (a missing or changed
      file fails). It does not notice an added file: compare the file list with the manifest.
  sha256sum -c tagmanifest-sha256.txt
      The same for bagit.txt, bag-info.txt, README.txt, verify.html and the manifest and its signature.
  openssl cms -verify -binary -inform DER -in manifest-sha256.txt.p7s -content manifest-sha256.txt -CAfile ${anchor} -purpose any -out /dev/null
      "CMS Verification successful": the manifest — and so every payload file — was signed by the
      examiner's key, whose certificate chains to the anchor above.
  openssl cms -verify -binary -inform DER -in tagmanifest-sha256.txt.p7s -content tagmanifest-sha256.txt -CAfile ${anchor} -purpose any -out /dev/null
      The same for the tag manifest.
  pdfsig data/report.pdf
      "Signature is Valid" and "Total document signed": the report is unchanged since the examiner
      signed it. (pdfsig exits 0 even on a bad signature: read its text.) To see the certificate
      as trusted, import the anchor into an NSS database and pass -nssdir.
  qpdf --check data/report.pdf
      The PDF's structure is sound.
  A ledger record can be checked by hand with openssl; see Sealcase's shared/custody/FORMAT.md §10.
`;
}
