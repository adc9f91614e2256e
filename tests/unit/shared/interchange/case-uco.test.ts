import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCaseUco, type CaseUcoDocument } from '../../../../shared/interchange';
import { InterchangeError } from '../../../../shared/errors';
import { ARTEFACTS, caseUcoInput, sha256 } from './fixture';
import { UCO_TERMS } from './uco-terms';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/interchange/case-uco.golden.jsonld');

type Node = Record<string, unknown>;

/** Every object in the document that carries an `@id` and more than a bare reference. */
function definedNodes(value: unknown, out: Map<string, Node> = new Map()): Map<string, Node> {
  if (Array.isArray(value)) for (const v of value) definedNodes(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Node;
    if (typeof o['@id'] === 'string' && Object.keys(o).length > 1) out.set(o['@id'], o);
    for (const [k, v] of Object.entries(o)) if (k !== '@context') definedNodes(v, out);
  }
  return out;
}

/** Every bare `{ "@id": … }` reference. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Node;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '@id') out.push(o['@id'] as string);
    for (const [k, v] of Object.entries(o)) if (k !== '@context') references(v, out);
  }
  return out;
}

/** Every compact IRI used as a key, a type, an id or a literal's datatype. */
function compactIris(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) compactIris(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Node)) {
      if (k === '@context') continue;
      if (!k.startsWith('@')) out.add(k);
      if ((k === '@type' || k === '@id') && typeof v === 'string') out.add(v);
      else compactIris(v, out);
    }
  }
  return out;
}

const build = () => buildCaseUco(caseUcoInput(), sha256);
const graphOf = (doc: CaseUcoDocument) => doc['@graph'] as Node[];
const byType = (doc: CaseUcoDocument, type: string) =>
  [...definedNodes(doc['@graph']).values()].filter((n) => n['@type'] === type);

describe('buildCaseUco structure', () => {
  it('gives every node, nested facets and hashes included, an @id and a @type', async () => {
    const doc = await build();
    const nodes = definedNodes(doc['@graph']);
    expect(nodes.size).toBeGreaterThan(30);
    for (const n of nodes.values()) {
      expect(typeof n['@type'], JSON.stringify(n)).toBe('string');
      expect(n['@id']).toMatch(
        /^kb:[a-z-]+-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('resolves every referenced @id to a node of the graph', async () => {
    const doc = await build();
    const ids = new Set(definedNodes(doc['@graph']).keys());
    const refs = references(doc['@graph']);
    expect(refs.length).toBeGreaterThan(50);
    for (const r of refs) expect(ids.has(r), r).toBe(true);
  });

  it('declares every prefix it uses in @context, and uses only checked UCO/CASE terms', async () => {
    const doc = await build();
    const context = doc['@context'];
    expect(context['kb']).toBe('urn:uuid:6f0c1c1e-3c7a-4c55-9b4e-2d9a8f1e0a11#');
    for (const iri of compactIris(doc['@graph'])) {
      const prefix = iri.slice(0, iri.indexOf(':'));
      expect(context[prefix], iri).toBeDefined();
      if (prefix !== 'kb') expect(UCO_TERMS.has(iri), `unchecked term ${iri}`).toBe(true);
    }
  });

  it('carries the artefacts hashes, size and original name exactly as acquired', async () => {
    const doc = await build();
    const files = byType(doc, 'uco-observable:File');
    for (const a of Object.values(ARTEFACTS)) {
      if (a.entry !== 'file') throw new Error('fixture');
      const f = files.find((n) =>
        (n['uco-core:hasFacet'] as Node[]).some(
          (x) => x['uco-observable:fileName'] === a.original.name,
        ),
      );
      expect(f, a.original.name).toBeDefined();
      const content = (f!['uco-core:hasFacet'] as Node[]).find(
        (x) => x['@type'] === 'uco-observable:ContentDataFacet',
      )!;
      expect(content['uco-observable:sizeInBytes']).toBe(a.size);
      const hashes = Object.fromEntries(
        (content['uco-observable:hash'] as Node[]).map((h) => [
          (h['uco-types:hashMethod'] as Node)['@value'],
          (h['uco-types:hashValue'] as Node)['@value'],
        ]),
      );
      expect(hashes).toEqual({
        MD5: a.digests.md5,
        SHA1: a.digests.sha1,
        SHA256: a.digests.sha256,
      });
    }
  });

  it('writes each acquisition as an InvestigativeAction with performer, tool, times, object and provenance', async () => {
    const doc = await build();
    const nodes = definedNodes(doc['@graph']);
    const acquired = byType(doc, 'case-investigation:InvestigativeAction').filter(
      (n) => n['uco-core:name'] === 'acquired',
    );
    expect(acquired).toHaveLength(3);
    for (const a of acquired) {
      const performer = nodes.get((a['uco-action:performer'] as Node)['@id'] as string)!;
      expect(performer['@type']).toBe('uco-identity:Person');
      expect(performer['uco-core:name']).toBe('Anna Examiner');
      const [instrument] = a['uco-action:instrument'] as Node[];
      const tool = nodes.get(instrument!['@id'] as string)!;
      expect(tool).toMatchObject({ 'uco-core:name': 'Sealcase', 'uco-tool:version': '0.9.0' });
      expect((a['uco-action:startTime'] as Node)['@type']).toBe('xsd:dateTime');
      const [result] = a['uco-action:result'] as Node[];
      const record = nodes.get(result!['@id'] as string)!;
      expect(record['@type']).toBe('case-investigation:ProvenanceRecord');
      expect(record['uco-core:object']).toEqual(a['uco-action:object']);
    }
    const mail = acquired.find((n) =>
      String(n['uco-core:description']).includes('/evidence/mail.txt'),
    )!;
    // Started at acquiredAt, ended when the signed ledger record was written.
    expect(mail['uco-action:startTime']).toEqual({
      '@type': 'xsd:dateTime',
      '@value': '2026-03-01T09:10:00.000Z',
    });
    expect(mail['uco-action:endTime']).toEqual({
      '@type': 'xsd:dateTime',
      '@value': '2026-03-01T09:10:01.000Z',
    });
  });

  it('links the custody acceptance to its transfer and names giver and receiver', async () => {
    const doc = await build();
    const actions = byType(doc, 'case-investigation:InvestigativeAction');
    const transfer = actions.find((n) => n['uco-core:name'] === 'custody-transfer')!;
    const receive = actions.find((n) => n['uco-core:name'] === 'custody-receive')!;
    expect(receive['case-investigation:wasInformedBy']).toEqual([{ '@id': transfer['@id'] }]);
    expect(receive['uco-action:participant']).toEqual([transfer['uco-action:performer']]);
    expect(transfer['uco-action:participant']).toEqual([receive['uco-action:performer']]);
  });

  it('writes parse, attribution and the export as actions with their instruments', async () => {
    const doc = await build();
    const nodes = definedNodes(doc['@graph']);
    const actions = byType(doc, 'case-investigation:InvestigativeAction');
    const names = actions.map((n) => n['uco-core:name']).sort();
    expect(names).toEqual([
      'acquired',
      'acquired',
      'acquired',
      'attributed',
      'custody-receive',
      'custody-transfer',
      'exported',
      'parsed',
      'verified',
    ]);
    const parsed = actions.find((n) => n['uco-core:name'] === 'parsed')!;
    const tools = (parsed['uco-action:instrument'] as Node[]).map((r) =>
      nodes.get(r['@id'] as string)!,
    );
    expect(tools.map((t) => [t['uco-core:name'], t['uco-tool:version']])).toEqual([
      ['Sealcase', '0.9.1'],
      ['Sealcase parser radius-detail', '1.2.0'],
    ]);
    const exported = actions.find((n) => n['uco-core:name'] === 'exported')!;
    const record = nodes.get((exported['uco-action:result'] as Node[])[0]!['@id'] as string)!;
    expect(record['case-investigation:exhibitNumber']).toBe('SC-2026-0417-001');
    // The export carries every original and both decision files.
    expect((exported['uco-action:object'] as Node[]).length).toBe(5);
  });

  it('starts with the investigation, which names every other top-level node', async () => {
    const doc = await build();
    const [inv, ...rest] = graphOf(doc);
    expect(inv).toMatchObject({
      '@type': 'case-investigation:Investigation',
      'uco-core:name': '2026/0417',
      'uco-core:description': 'Webmail login behind CGN',
    });
    expect((inv!['uco-core:object'] as Node[]).map((r) => r['@id'])).toEqual(
      rest.map((n) => n['@id']),
    );
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    expect(JSON.stringify(await build())).toBe(JSON.stringify(await build()));
  });

  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it; see the fixture README)', async () => {
    const text = `${JSON.stringify(await build(), null, 2)}\n`;
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('refuses a decision hash that is not hex with INTERCHANGE_INPUT_INVALID', async () => {
    const input = caseUcoInput();
    const bad = { ...input, decisions: [{ ...input.decisions[0]!, sha256: 'XYZ' }] };
    const error = await buildCaseUco(bad, sha256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterchangeError);
    expect((error as InterchangeError).code).toBe('INTERCHANGE_INPUT_INVALID');
    expect((error as InterchangeError).where).toBe('decisions[0].sha256');
  });
});
