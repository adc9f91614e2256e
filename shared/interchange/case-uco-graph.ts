import type { Sha256 } from '../custody/hash';
import type { Digests } from '../model/artefact';
import { nodeIds } from './ids';
import {
  ACTION_NAMES,
  dateTime,
  hashName,
  hexBinary,
  ref,
  refs,
  type HashName,
  type JsonLdNode,
} from './case-uco-vocabulary';

export type ActionName = (typeof ACTION_NAMES)[keyof typeof ACTION_NAMES];

export interface ActionSpec {
  /** Stable key parts that make this action's id (e.g. the ledger record hash). */
  readonly key: readonly string[];
  readonly name: ActionName;
  readonly description: string;
  readonly start: string;
  readonly end?: string;
  readonly performer?: string | undefined;
  readonly participants?: readonly string[];
  readonly instruments: readonly string[];
  readonly objects: readonly string[];
  /** What the provenance record in `uco-action:result` says, and which objects it groups. */
  readonly result: {
    readonly description: string;
    readonly objects: readonly string[];
    readonly exhibitNumber?: string;
  };
  readonly informedBy?: string | undefined;
}

/**
 * Collects the nodes of one case's CASE/UCO graph. Nodes shared by several statements (people,
 * tools, files) are made once per stable key; every id comes from `nodeIds` (SHA-256 of the key),
 * so the same input gives the same graph, byte for byte.
 */
export class CaseUcoGraph {
  readonly nodes: JsonLdNode[] = [];
  private readonly byKey = new Map<string, string>();
  private readonly id: (kind: string, ...parts: string[]) => Promise<string>;

  constructor(
    sha256: Sha256,
    private readonly scope: string,
  ) {
    this.id = nodeIds(sha256);
  }

  /** An id scoped to this case (actions, records, the investigation). */
  scoped(kind: string, ...parts: string[]): Promise<string> {
    return this.id(kind, this.scope, ...parts);
  }

  /** Adds a node once per key; returns its id. */
  async once(
    kind: string,
    key: readonly string[],
    make: (id: string) => Promise<JsonLdNode> | JsonLdNode,
  ): Promise<string> {
    const k = [kind, ...key].join('\u0000');
    const known = this.byKey.get(k);
    if (known !== undefined) return known;
    const id = await this.scoped(kind, ...key);
    this.byKey.set(k, id);
    this.nodes.push(await make(id));
    return id;
  }

  add(node: JsonLdNode): void {
    this.nodes.push(node);
  }

  /** `uco-observable:ContentDataFacet` with the hashes and size of some bytes. */
  async contentFacet(
    owner: string,
    digests: Partial<Record<HashName, string>>,
    size?: number,
  ): Promise<JsonLdNode> {
    const hashes: JsonLdNode[] = [];
    for (const method of ['MD5', 'SHA1', 'SHA256'] as const) {
      const value = digests[method];
      if (value === undefined) continue;
      hashes.push({
        '@id': await this.id('hash', owner, method),
        '@type': 'uco-types:Hash',
        'uco-types:hashMethod': hashName(method),
        'uco-types:hashValue': hexBinary(value),
      });
    }
    return {
      '@id': await this.id('content-data-facet', owner),
      '@type': 'uco-observable:ContentDataFacet',
      ...(size === undefined ? {} : { 'uco-observable:sizeInBytes': size }),
      'uco-observable:hash': hashes,
    };
  }

  /** `uco-observable:FileFacet` naming a file as its holder saw it. */
  async fileFacet(
    owner: string,
    f: { name: string; path?: string; modified?: string; size?: number },
  ): Promise<JsonLdNode> {
    return {
      '@id': await this.id('file-facet', owner),
      '@type': 'uco-observable:FileFacet',
      'uco-observable:fileName': f.name,
      ...(f.path === undefined ? {} : { 'uco-observable:filePath': f.path }),
      ...(f.modified === undefined ? {} : { 'uco-observable:modifiedTime': dateTime(f.modified) }),
      ...(f.size === undefined ? {} : { 'uco-observable:sizeInBytes': f.size }),
      'uco-observable:isDirectory': false,
    };
  }

  /** An investigative action and the provenance record it results in. */
  async action(spec: ActionSpec): Promise<string> {
    const id = await this.scoped('investigative-action', spec.name, ...spec.key);
    const record = await this.scoped('provenance-record', spec.name, ...spec.key);
    this.nodes.push({
      '@id': id,
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': spec.name,
      'uco-core:description': spec.description,
      'uco-action:startTime': dateTime(spec.start),
      ...(spec.end === undefined ? {} : { 'uco-action:endTime': dateTime(spec.end) }),
      ...(spec.performer === undefined ? {} : { 'uco-action:performer': ref(spec.performer) }),
      ...(spec.participants === undefined || spec.participants.length === 0
        ? {}
        : { 'uco-action:participant': refs(spec.participants) }),
      'uco-action:instrument': refs(spec.instruments),
      'uco-action:object': refs(spec.objects),
      'uco-action:result': [ref(record)],
      ...(spec.informedBy === undefined
        ? {}
        : { 'case-investigation:wasInformedBy': [ref(spec.informedBy)] }),
    });
    this.nodes.push({
      '@id': record,
      '@type': 'case-investigation:ProvenanceRecord',
      'uco-core:description': spec.result.description,
      ...(spec.result.exhibitNumber === undefined
        ? {}
        : { 'case-investigation:exhibitNumber': spec.result.exhibitNumber }),
      'uco-core:object': refs(spec.result.objects),
    });
    return id;
  }
}

export function digestsOf(d: Digests): Record<HashName, string> {
  return { MD5: d.md5, SHA1: d.sha1, SHA256: d.sha256 };
}
