/**
 * The CASE/UCO terms the writer may use, each checked by hand against the ontology source it is
 * defined in (ucoProject/UCO `ontology/uco/<module>/<module>.ttl` at UCO 1.3.0, casework/CASE
 * `ontology/investigation/investigation.ttl`) and its use in casework/CASE-Examples
 * (`examples/illustrations/file/file.json`, `forensic_lifecycle/forensic_lifecycle.json`).
 * A new term in the writer fails the test until it is checked and listed here.
 */
export const UCO_TERMS: ReadonlySet<string> = new Set([
  // investigation.ttl
  'case-investigation:Investigation',
  'case-investigation:InvestigativeAction',
  'case-investigation:ProvenanceRecord',
  'case-investigation:Authorization',
  'case-investigation:relevantAuthorization',
  'case-investigation:investigationForm',
  'case-investigation:exhibitNumber',
  'case-investigation:wasInformedBy',
  // action.ttl
  'uco-action:startTime',
  'uco-action:endTime',
  'uco-action:performer',
  'uco-action:participant',
  'uco-action:instrument',
  'uco-action:object',
  'uco-action:result',
  // core.ttl
  'uco-core:name',
  'uco-core:description',
  'uco-core:object',
  'uco-core:hasFacet',
  'uco-core:objectCreatedTime',
  'uco-core:Relationship',
  'uco-core:source',
  'uco-core:target',
  'uco-core:kindOfRelationship',
  'uco-core:isDirectional',
  // identity.ttl
  'uco-identity:Person',
  'uco-identity:Organization',
  // tool.ttl
  'uco-tool:Tool',
  'uco-tool:AnalyticTool',
  'uco-tool:version',
  'uco-tool:toolType',
  // observable (file.json example; UCO observable.ttl)
  'uco-observable:File',
  'uco-observable:SymbolicLink',
  'uco-observable:FileFacet',
  'uco-observable:fileName',
  'uco-observable:filePath',
  'uco-observable:modifiedTime',
  'uco-observable:sizeInBytes',
  'uco-observable:isDirectory',
  'uco-observable:ContentDataFacet',
  'uco-observable:hash',
  // types / vocabulary
  'uco-types:Hash',
  'uco-types:hashMethod',
  'uco-types:hashValue',
  'uco-vocabulary:HashNameVocab',
  'xsd:dateTime',
  'xsd:hexBinary',
]);
