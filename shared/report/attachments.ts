import { AFRelationship, type PDFDocument } from 'pdf-lib';
import { ReportError } from '../errors';
import type { ReportAttachment } from './input';

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || /[\\/]/.test(name)) {
    throw new ReportError(
      'REPORT_OPTIONS_INVALID',
      `attachment name ${JSON.stringify(name)} is not a plain file name`,
      {
        where: 'attachments',
      },
    );
  }
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      throw new ReportError(
        'REPORT_OPTIONS_INVALID',
        'attachment name contains control characters',
        { where: 'attachments' },
      );
    }
  }
  return name;
}

/** Check attachments before any layout work: plain unique names, byte contents. */
export function checkAttachments(list: readonly ReportAttachment[]): ReportAttachment[] {
  const seen = new Set<string>();
  for (const a of list) {
    const name = checkName(a.name);
    if (seen.has(name)) {
      throw new ReportError('REPORT_OPTIONS_INVALID', `attachment "${name}" is given twice`, {
        where: 'attachments',
      });
    }
    seen.add(name);
    if (!(a.bytes instanceof Uint8Array)) {
      throw new ReportError('REPORT_OPTIONS_INVALID', `attachment "${name}" has no bytes`, {
        where: 'attachments',
      });
    }
  }
  // Sorted by name (code-unit order): pdf-lib keeps /EmbeddedFiles keys in insertion order (stack.md §6.1).
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Embed the originals as file attachments (catalog /AF, relationship Source), dated `when`. */
export async function attachOriginals(
  doc: PDFDocument,
  list: readonly ReportAttachment[],
  when: Date,
): Promise<void> {
  for (const a of list) {
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mimeType,
      description: a.description,
      creationDate: when,
      modificationDate: when,
      afRelationship: AFRelationship.Source,
    });
  }
}
