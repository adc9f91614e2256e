/**
 * The CASE 1.x / UCO 1.x terms Sealcase writes, in one place. Namespaces are those of the
 * published ontologies (`https://ontology.unifiedcyberontology.org/uco/<module>/`,
 * `https://ontology.caseontology.org/case/investigation/`), as used by the casework/CASE-Examples
 * graphs; class and property names were checked against UCO 1.3 `action.ttl`, `core.ttl`,
 * `tool.ttl`, `identity.ttl` and CASE `investigation.ttl` (see CONTEXT.md).
 */
export const CASE_UCO_PREFIXES = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/**
 * The `kb:` namespace of one case: node ids are fragments of the case's own UUID URN, so graphs
 * of two cases merge without collisions and every node IRI still ends in a UUID.
 */
export function kbNamespace(caseId: string): string {
  return `urn:uuid:${caseId}#`;
}

export interface JsonLdRef {
  readonly '@id': string;
}
export interface JsonLdTyped {
  readonly '@type': string;
  readonly '@value': string;
}
/** A graph node: every node has an `@id` and a `@type` (UCO forbids blank nodes). */
export type JsonLdNode = { readonly '@id': string; readonly '@type': string } & Record<
  string,
  unknown
>;

export const ref = (id: string): JsonLdRef => ({ '@id': id });
export const refs = (ids: Iterable<string>): JsonLdRef[] => [...new Set(ids)].map(ref);
export const dateTime = (iso: string): JsonLdTyped => ({ '@type': 'xsd:dateTime', '@value': iso });
export const hexBinary = (hex: string): JsonLdTyped => ({
  '@type': 'xsd:hexBinary',
  '@value': hex,
});

/** `uco-vocabulary:HashNameVocab` members Sealcase writes. */
export type HashName = 'MD5' | 'SHA1' | 'SHA256';
export const hashName = (name: HashName): JsonLdTyped => ({
  '@type': 'uco-vocabulary:HashNameVocab',
  '@value': name,
});

/** `uco-core:name` values of the investigative actions (lower-case verbs, as in CASE examples). */
export const ACTION_NAMES = {
  acquired: 'acquired',
  verified: 'verified',
  transferred: 'custody-transfer',
  accepted: 'custody-receive',
  parsed: 'parsed',
  attributed: 'attributed',
  bookmarked: 'bookmarked',
  clockCorrected: 'clock-corrected',
  exported: 'exported',
} as const;
