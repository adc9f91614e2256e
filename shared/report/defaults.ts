/** Default texts of the report (ReportInput fills them in when the caller leaves them out). */

export const DEFAULT_DECLARATION = [
  'I, the examiner named on the cover of this report, declare that the contents of this report are true to the best of my knowledge and belief, and that I have made clear which facts and matters referred to in it are within my own knowledge and which are not.',
  'The original artefacts listed in the artefact inventory were acquired into a write-once vault and have not been altered. Each is identified by its SHA-256 digest; every fact in this report refers back to an original by that digest and a locator (line, byte offset, header index).',
  'Every action that touched the evidence is recorded in the signed custody ledger reproduced in this report. The ledger is sealed by a signed checkpoint over a Merkle tree of its records; any change to any record changes the root shown here.',
  'Attribution findings name the holder of an internet account, not the person who used the connection. They are limited by the records supplied by the network operators and by the clock accuracy of those records, as stated with each finding.',
  'The method section lists the tools, versions, parse options, clock corrections and tolerances used, so that an independent examiner can repeat every derivation from the originals and obtain the same results.',
].join('\n\n');

export const DEFAULT_GLOSSARY: ReadonlyArray<{ term: string; definition: string }> = [
  {
    term: 'Account holder',
    definition:
      'The subscriber named by an operator for a connection. The account holder is not necessarily the person who used the connection: others in the household or business, guests, or an intruder on the network may have used it.',
  },
  {
    term: 'AAA / RADIUS',
    definition:
      'Authentication, authorisation and accounting records kept by an operator: which account was given which address, from when (start) to when (stop).',
  },
  {
    term: 'CGN / CGNAT',
    definition:
      'Carrier-grade network address translation: many customers share one public IPv4 address at the same time, each on its own range of source ports. Without the source port, an observation of a CGN address cannot be tied to one customer.',
  },
  {
    term: 'Checkpoint',
    definition:
      'A signed statement of the custody ledger at a moment: how many records it held and the Merkle root over them. Later checkpoints can be proved to extend earlier ones.',
  },
  {
    term: 'Clock correction',
    definition:
      'A number of seconds added to every time read from one artefact, because the clock of the system that wrote it was shown to be wrong. The stored times are never changed; the correction is recorded and applied when the times are used.',
  },
  {
    term: 'Custody ledger',
    definition:
      'The append-only list of signed records of every action on the evidence: who, what, when, on which artefact, why, and with which tool version. Each record carries the hash of the one before it.',
  },
  {
    term: 'Merkle root',
    definition:
      'A single SHA-256 value computed over all ledger records (RFC 9162). Changing, removing or re-ordering any record changes the root.',
  },
  {
    term: 'NAT port block',
    definition:
      'A range of source ports on a public address allocated to one inside (customer) address for a period, as logged by a CGN device.',
  },
  {
    term: 'SHA-256, SHA-1, MD5',
    definition:
      'Cryptographic digests of a file’s bytes. SHA-256 identifies the originals in this report; MD5 and SHA-1 are listed for comparison with other tools only.',
  },
  {
    term: 'Tolerance',
    definition:
      'The number of seconds either side of an observed time within which records were searched, to allow for clock differences between systems.',
  },
  {
    term: 'UTC',
    definition:
      'Coordinated Universal Time. All times in this report are UTC unless shown as raw text; the raw text is kept exactly as in the source, with how its time zone was known.',
  },
  {
    term: 'Zone source',
    definition:
      'How the time zone of a raw timestamp was known: in-band (written in the record), declared (stated by the analyst for the whole artefact), epoch (a count of seconds since 1970 in UTC), or unknown (no UTC time is given).',
  },
];
