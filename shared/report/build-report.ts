import { PDFDocument } from 'pdf-lib';
import type { ReportFonts, ReportOptions } from './input';
import { parseReportInput } from './validate';

/**
 * Lay out the court report. Returns the unsaved document: the caller adds the signature
 * placeholder, saves and signs (pdf-lib has no incremental save). Same input → same bytes.
 * (Layout lands in the following commits; the signature is the contract.)
 */
export async function buildReport(
  input: unknown,
  _fonts: ReportFonts,
  _options: ReportOptions,
): Promise<PDFDocument> {
  const data = parseReportInput(input);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Case ${data.case.number}: ${data.case.title}`);
  return doc;
}
