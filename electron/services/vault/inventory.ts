import type { ArtefactRecord, FileArtefact } from '../../../shared/model';

export type InventoryFormat = 'hashdeep' | 'dfxml';

export interface InventoryOptions {
  /**
   * Absolute (real) path of the case folder. hashdeep names files by absolute path, so a listing
   * whose names are `<caseDir>/vault/sha256/…` audits clean with
   * `hashdeep -a -k LISTING -r <caseDir>/vault/sha256`.
   */
  readonly caseDir: string;
  /** Name blobs `vault/sha256/…` instead (audit from the case folder with `hashdeep -l`). */
  readonly relative?: boolean;
  /** The command line to note in the listing's comment lines. */
  readonly commandLine: string;
  readonly toolVersion: string;
}

function blobName(record: FileArtefact, options: InventoryOptions): string {
  return options.relative === true ? record.blob : `${options.caseDir}/${record.blob}`;
}

function fileRecords(records: readonly ArtefactRecord[]): FileArtefact[] {
  return records.filter((r): r is FileArtefact => r.entry === 'file');
}

/**
 * A listing in hashdeep's own format (`hashdeep -c md5,sha1,sha256`), one line per blob (the same
 * content acquired twice is one blob), sorted by blob path.
 */
export function hashdeepListing(
  records: readonly ArtefactRecord[],
  options: InventoryOptions,
): string {
  const blobs = new Map<string, FileArtefact>();
  for (const r of fileRecords(records)) if (!blobs.has(r.blob)) blobs.set(r.blob, r);
  const lines = [
    '%%%% HASHDEEP-1.0',
    '%%%% size,md5,sha1,sha256,filename',
    `## Invoked from: ${options.caseDir}`,
    `## # ${options.commandLine}`,
    '## ',
  ];
  for (const blob of [...blobs.keys()].sort()) {
    const r = blobs.get(blob);
    if (r === undefined) continue;
    const d = r.digests;
    lines.push(`${r.size},${d.md5},${d.sha1},${d.sha256},${blobName(r, options)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Characters XML 1.0 cannot carry even as references are written as `\uXXXX` text. */
export function xmlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (c === 0x9 || c === 0xa || c === 0xd) out += `&#${c};`;
    else if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    ) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

const el = (indent: string, name: string, value: string | number, attrs = ''): string =>
  `${indent}<${name}${attrs}>${xmlEscape(String(value))}</${name}>`;

/**
 * DFXML (Digital Forensics XML 1.0): one `fileobject` per acquisition, named by its blob path, with
 * the three digests; Sealcase's provenance fields sit in the `sc:` namespace.
 */
export function dfxmlInventory(
  records: readonly ArtefactRecord[],
  options: InventoryOptions,
): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<dfxml xmlns="http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML"',
    '       xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '       xmlns:sc="urn:sealcase:artefact:1"',
    '       version="1.0">',
    '  <metadata>',
    '    <dc:type>Hash List</dc:type>',
    '  </metadata>',
    '  <creator version="1.0">',
    el('    ', 'program', 'sealcase'),
    el('    ', 'version', options.toolVersion),
    '    <execution_environment>',
    el('      ', 'command_line', options.commandLine),
    '    </execution_environment>',
    '  </creator>',
    '  <source>',
    el('    ', 'image_filename', options.caseDir),
    '  </source>',
  ];
  for (const r of records) {
    out.push('  <fileobject>');
    if (r.entry === 'file') {
      out.push(el('    ', 'filename', blobName(r, options)));
      out.push(el('    ', 'filesize', r.size));
      out.push(el('    ', 'name_type', 'r'));
    } else {
      out.push(el('    ', 'filename', r.original.path));
      out.push(el('    ', 'name_type', 'l'));
    }
    out.push(el('    ', 'mtime', r.original.mtime));
    if (r.entry === 'file') {
      out.push(el('    ', 'hashdigest', r.digests.md5, ' type="md5"'));
      out.push(el('    ', 'hashdigest', r.digests.sha1, ' type="sha1"'));
      out.push(el('    ', 'hashdigest', r.digests.sha256, ' type="sha256"'));
      out.push(el('    ', 'sc:content_kind', r.contentKind));
    } else {
      out.push(el('    ', 'sc:symlink_target', r.target));
    }
    out.push(el('    ', 'sc:acquisition_id', r.id));
    out.push(el('    ', 'sc:original_path', r.original.path));
    out.push(el('    ', 'sc:original_name', r.original.name));
    out.push(el('    ', 'sc:acquired_at', r.acquiredAt));
    if (r.acquiredBy !== null) out.push(el('    ', 'sc:acquired_by', r.acquiredBy));
    if (r.receivedFrom !== null) out.push(el('    ', 'sc:received_from', r.receivedFrom));
    if (r.source !== null) out.push(el('    ', 'sc:source', r.source));
    out.push(el('    ', 'sc:method', r.method));
    if (r.note !== null) out.push(el('    ', 'sc:note', r.note));
    out.push('  </fileobject>');
  }
  out.push('</dfxml>');
  return `${out.join('\n')}\n`;
}
