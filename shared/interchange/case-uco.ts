import type { Sha256 } from '../custody/hash';
import type { VerifiedRecord } from '../custody/verify';
import type { AnalysisDecision } from '../model/analysis';
import type { ArtefactRecord } from '../model/artefact';
import { CaseUcoGraph, digestsOf } from './case-uco-graph';
import { checkCaseUcoInput, type CaseUcoInput, type DecisionFile } from './case-uco-input';
import {
  ACTION_NAMES,
  CASE_UCO_PREFIXES,
  dateTime,
  kbNamespace,
  ref,
  refs,
  type JsonLdNode,
} from './case-uco-vocabulary';

export interface CaseUcoDocument {
  readonly '@context': Record<string, string>;
  readonly '@graph': JsonLdNode[];
}

interface Actor {
  readonly name: string;
  readonly cert: string | null;
  readonly org?: string | null;
}

/** What the steps below share while the graph is built. */
interface State {
  readonly g: CaseUcoGraph;
  readonly input: CaseUcoInput;
  readonly investigation: string;
  readonly people: Map<string, string>;
  readonly filesBySha: Map<string, string[]>;
  readonly allFiles: string[];
}

/**
 * Builds `data/case-uco.jsonld` (CASE 1.x / UCO 1.x JSON-LD) for a case: the investigation and its
 * authority, the examiners, each acquired artefact as a File with its hashes, each acquisition,
 * verification, custody hand-over and analysis decision as an InvestigativeAction with its
 * ProvenanceRecord, and the export itself. Pure and deterministic: ids are SHA-256 names of stable
 * keys, nothing depends on a clock or on randomness. See FORMAT.md §1.
 */
export async function buildCaseUco(input: CaseUcoInput, sha256: Sha256): Promise<CaseUcoDocument> {
  checkCaseUcoInput(input);
  const c = input.caseFile;
  const g = new CaseUcoGraph(sha256, c.id);
  const s: State = {
    g,
    input,
    investigation: await g.scoped('investigation'),
    people: new Map(),
    filesBySha: new Map(),
    allFiles: [],
  };
  for (const e of c.examiners)
    await person(s, { name: e.name, cert: e.certificateSha256, org: e.org });
  for (const { record } of input.ledger) {
    await person(s, record.actor);
    if (record.action === 'custody.transferred') await person(s, transferTo(record));
  }
  for (const { decision } of input.decisions) await person(s, decision.decidedBy);
  if (input.export !== undefined) await person(s, input.export.by);

  for (const a of input.artefacts) await file(s, a);
  for (const a of input.artefacts) await acquisition(s, a);
  await ledgerActions(s);
  for (const d of input.decisions) await decisionAction(s, d);
  await exportAction(s);

  const authority = c.authority === null ? null : await g.scoped('authorization');
  if (authority !== null) {
    g.add({
      '@id': authority,
      '@type': 'case-investigation:Authorization',
      'uco-core:description': c.authority,
    });
  }
  const investigation: JsonLdNode = {
    '@id': s.investigation,
    '@type': 'case-investigation:Investigation',
    'uco-core:name': c.number,
    'uco-core:description': c.title,
    'case-investigation:investigationForm': 'case',
    'uco-core:objectCreatedTime': dateTime(c.created),
    ...(authority === null ? {} : { 'case-investigation:relevantAuthorization': [ref(authority)] }),
    'uco-core:object': refs(g.nodes.map((n) => n['@id'])),
  };
  return {
    '@context': { kb: kbNamespace(c.id), ...CASE_UCO_PREFIXES },
    '@graph': [investigation, ...g.nodes],
  };
}

function transferTo(r: VerifiedRecord['record']): Actor {
  return (r.details as { to: Actor }).to;
}

/** A person (by certificate when known, else by name), with their organisation. */
async function person(s: State, a: Actor): Promise<string> {
  const known = s.people.get(a.cert ?? `name:${a.name}`) ?? s.people.get(`name:${a.name}`);
  if (known !== undefined && (a.cert === null || s.people.has(a.cert))) return known;
  const key = a.cert === null ? ['name', a.name] : ['cert', a.cert];
  const id = await s.g.once('person', key, (id) => ({
    '@id': id,
    '@type': 'uco-identity:Person',
    'uco-core:name': a.name,
    ...(a.cert === null
      ? {}
      : {
          'uco-core:description': `Signs with the X.509 certificate whose DER SHA-256 is ${a.cert}`,
        }),
  }));
  if (a.cert !== null) s.people.set(a.cert, id);
  if (!s.people.has(`name:${a.name}`)) s.people.set(`name:${a.name}`, id);
  if (a.org !== undefined && a.org !== null && a.org !== '') {
    const org = await s.g.once('organization', [a.org], (oid) => ({
      '@id': oid,
      '@type': 'uco-identity:Organization',
      'uco-core:name': a.org,
    }));
    await s.g.once('relationship', ['member-of', id, org], (rid) => ({
      '@id': rid,
      '@type': 'uco-core:Relationship',
      'uco-core:source': [ref(id)],
      'uco-core:target': ref(org),
      'uco-core:kindOfRelationship': 'Member_Of',
      'uco-core:isDirectional': true,
    }));
  }
  return id;
}

/** A Sealcase tool (the application, a parser, the attribution engine) at one version. */
function tool(s: State, name: string, version: string, analytic = false): Promise<string> {
  return s.g.once('tool', [name, version], (id) => ({
    '@id': id,
    '@type': analytic ? 'uco-tool:AnalyticTool' : 'uco-tool:Tool',
    'uco-core:name': name,
    'uco-tool:version': version,
    'uco-tool:toolType': analytic ? 'analysis' : 'digital evidence workbench',
  }));
}

async function file(s: State, a: ArtefactRecord): Promise<void> {
  const id = await s.g.scoped('file', a.id);
  const where = { name: a.original.name, path: a.original.path, modified: a.original.mtime };
  if (a.entry === 'file') {
    s.g.add({
      '@id': id,
      '@type': 'uco-observable:File',
      'uco-core:hasFacet': [
        await s.g.fileFacet(id, { ...where, size: a.size }),
        await s.g.contentFacet(id, digestsOf(a.digests), a.size),
      ],
    });
    s.filesBySha.set(a.digests.sha256, [...(s.filesBySha.get(a.digests.sha256) ?? []), id]);
  } else {
    s.g.add({
      '@id': id,
      '@type': 'uco-observable:SymbolicLink',
      'uco-core:description': `Symbolic link to "${a.target}" (recorded, not followed)`,
      'uco-core:hasFacet': [await s.g.fileFacet(id, where)],
    });
  }
  s.allFiles.push(id);
}

function acquisitionRecord(s: State, a: ArtefactRecord): VerifiedRecord | undefined {
  return s.input.ledger.find(
    (r) =>
      r.record.action === 'artefact.acquired' &&
      (r.record.details as { artefact?: { id?: unknown } }).artefact?.id === a.id,
  );
}

const ledgerRef = (r: VerifiedRecord) => `ledger record #${r.record.seq} (hash ${r.hash})`;

async function acquisition(s: State, a: ArtefactRecord): Promise<void> {
  const rec = acquisitionRecord(s, a);
  const fileId = await s.g.scoped('file', a.id);
  const performer =
    rec !== undefined
      ? await person(s, rec.record.actor)
      : a.acquiredBy === null
        ? undefined
        : await person(s, { name: a.acquiredBy, cert: null });
  const stored = a.entry === 'file' ? `; stored as ${a.blob}` : '';
  const parts = [
    `${a.method} of ${a.original.path}${stored}`,
    a.source === null ? '' : `source: ${a.source}`,
    a.receivedFrom === null ? '' : `received from: ${a.receivedFrom}`,
    a.note === null ? '' : `note: ${a.note}`,
  ].filter((p) => p !== '');
  const end = rec !== undefined && rec.record.at >= a.acquiredAt ? rec.record.at : a.acquiredAt;
  await s.g.action({
    key: [a.id],
    name: ACTION_NAMES.acquired,
    description: parts.join('; '),
    start: a.acquiredAt,
    end,
    performer,
    instruments: [await tool(s, 'Sealcase', a.tool.version)],
    objects: [fileId],
    result: {
      description:
        `Acquisition of ${a.original.name}` + (rec === undefined ? '' : `; ${ledgerRef(rec)}`),
      objects: [fileId],
    },
  });
}

function filesFor(s: State, shas: readonly string[] | undefined): string[] {
  const ids = (shas ?? []).flatMap((sha) => s.filesBySha.get(sha) ?? []);
  if (ids.length > 0) return ids;
  return s.allFiles.length > 0 ? s.allFiles : [s.investigation];
}

async function ledgerActions(s: State): Promise<void> {
  const transfers = new Map<string, { action: string; giver: string }>();
  for (const r of s.input.ledger) {
    const rec = r.record;
    const base = {
      key: [r.hash],
      start: rec.at,
      performer: await person(s, rec.actor),
      instruments: [await tool(s, 'Sealcase', rec.tool.sealcase)],
    };
    switch (rec.action) {
      case 'artefact.verified': {
        const objects = filesFor(s, rec.subject.artefacts);
        await s.g.action({
          ...base,
          name: ACTION_NAMES.verified,
          description: rec.reason,
          objects,
          result: { description: `Verification; ${ledgerRef(r)}`, objects },
        });
        break;
      }
      case 'custody.transferred': {
        const to = await person(s, transferTo(rec));
        const action = await s.g.action({
          ...base,
          name: ACTION_NAMES.transferred,
          description: `${rec.reason} (custody passed from ${rec.actor.name} to ${transferTo(rec).name})`,
          participants: [to],
          objects: s.allFiles.length > 0 ? s.allFiles : [s.investigation],
          result: {
            description: `Custody transfer; ${ledgerRef(r)}`,
            objects: s.allFiles.length > 0 ? s.allFiles : [s.investigation],
          },
        });
        transfers.set(r.hash, { action, giver: base.performer });
        break;
      }
      case 'custody.accepted': {
        const transfer = transfers.get((rec.details as { transfer: string }).transfer);
        await s.g.action({
          ...base,
          name: ACTION_NAMES.accepted,
          description: rec.reason,
          participants: transfer === undefined ? [] : [transfer.giver],
          objects: s.allFiles.length > 0 ? s.allFiles : [s.investigation],
          result: {
            description: `Custody accepted (countersignature); ${ledgerRef(r)}`,
            objects: s.allFiles.length > 0 ? s.allFiles : [s.investigation],
          },
          informedBy: transfer?.action,
        });
        break;
      }
      case 'export.created': {
        const objects = filesFor(s, rec.subject.artefacts);
        await s.g.action({
          ...base,
          name: ACTION_NAMES.exported,
          description: `Earlier export: ${rec.reason}`,
          objects,
          result: { description: `Earlier export; ${ledgerRef(r)}`, objects },
        });
        break;
      }
      // Written as nodes elsewhere (acquisitions, decisions, people) or carrying no evidence.
      case 'case.created':
      case 'examiner.added':
      case 'artefact.acquired':
      case 'analysis.recorded':
      case 'ledger.recovered':
      case 'checkpoint.signed':
        break;
    }
  }
}

/** The decision file itself, a File of the package's `data/analysis/`. */
function decisionFile(s: State, d: DecisionFile): Promise<string> {
  return s.g.once('file', ['analysis', d.sha256], async (id) => ({
    '@id': id,
    '@type': 'uco-observable:File',
    'uco-core:hasFacet': [
      await s.g.fileFacet(id, { name: `${d.sha256}.json`, path: `analysis/${d.sha256}.json` }),
      await s.g.contentFacet(id, { SHA256: d.sha256 }),
    ],
  }));
}

function recordedWith(s: State, sha: string): string | undefined {
  const r = s.input.ledger.find(
    (x) =>
      x.record.action === 'analysis.recorded' &&
      (x.record.details as { sha256?: unknown }).sha256 === sha,
  );
  return r?.record.tool.sealcase;
}

async function decisionAction(s: State, d: DecisionFile): Promise<void> {
  const dec: AnalysisDecision = d.decision;
  const own = await decisionFile(s, d);
  const sealcase = recordedWith(s, d.sha256);
  const app = sealcase === undefined ? [] : [await tool(s, 'Sealcase', sealcase)];
  const base = {
    key: [d.sha256],
    start: dec.decidedAt,
    performer: await person(s, dec.decidedBy),
  };
  const result = (what: string, objects: string[]) => ({
    description: `${what}; decision file analysis/${d.sha256}.json`,
    objects: [own, ...objects],
  });
  switch (dec.kind) {
    case 'parse': {
      const parser = await tool(s, `Sealcase parser ${dec.format}`, dec.parserVersion, true);
      const objects = filesFor(s, [dec.artefact]);
      await s.g.action({
        ...base,
        name: ACTION_NAMES.parsed,
        description:
          `Parse ${dec.artefact} as ${dec.format} (parser ${dec.parserVersion}) with options ` +
          JSON.stringify(dec.options) +
          (dec.note === undefined ? '' : `; note: ${dec.note}`),
        instruments: [...app, parser],
        objects,
        result: result('Parse decision', []),
      });
      break;
    }
    case 'attribution': {
      const engine = await tool(s, 'Sealcase attribution engine', dec.engineVersion, true);
      const inputs = [...dec.observationArtefacts, ...dec.records];
      const parsers: string[] = [];
      for (const i of inputs) {
        parsers.push(await tool(s, `Sealcase parser ${i.format}`, i.parserVersion, true));
      }
      const counts = Object.entries(dec.statusCounts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      await s.g.action({
        ...base,
        name: ACTION_NAMES.attributed,
        description:
          `Attribution of ${dec.results} observations (tolerance ${dec.toleranceSeconds} s; ` +
          `${counts}); results SHA-256 ${dec.resultsSha256}; ` +
          'names account holders, not persons' +
          (dec.note === undefined ? '' : `; note: ${dec.note}`),
        instruments: [...app, engine, ...parsers],
        objects: filesFor(
          s,
          inputs.map((i) => i.artefact),
        ),
        result: result('Attribution run', []),
      });
      break;
    }
    case 'bookmark':
      await s.g.action({
        ...base,
        name: ACTION_NAMES.bookmarked,
        description: `Bookmark on ${dec.eventType} at ${JSON.stringify(dec.locator)}: ${dec.label}`,
        instruments: app,
        objects: filesFor(s, [dec.artefact]),
        result: result('Bookmark', []),
      });
      break;
    case 'clock-correction':
      await s.g.action({
        ...base,
        name: ACTION_NAMES.clockCorrected,
        description: `Clock correction of ${dec.offsetSeconds} s for ${dec.artefact}: ${dec.reason}`,
        instruments: app,
        objects: filesFor(s, [dec.artefact]),
        result: result('Clock correction', []),
      });
      break;
  }
}

async function exportAction(s: State): Promise<void> {
  const e = s.input.export;
  if (e === undefined) return;
  const decisions: string[] = [];
  for (const d of s.input.decisions) decisions.push(await decisionFile(s, d));
  const objects = [...s.allFiles, ...decisions];
  const content = objects.length > 0 ? objects : [s.investigation];
  await s.g.action({
    key: ['export', e.packageId],
    name: ACTION_NAMES.exported,
    description: `Export of case ${s.input.caseFile.number} as package ${e.packageId}`,
    start: e.createdAt,
    performer: await person(s, e.by),
    instruments: [await tool(s, 'Sealcase', s.input.toolVersion)],
    objects: content,
    result: { description: `Package ${e.packageId}`, objects: content, exhibitNumber: e.packageId },
  });
}
