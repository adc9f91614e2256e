import { PDFDocument } from 'pdf-lib';
import { ReportError } from '../errors';
import { attachOriginals, checkAttachments } from './attachments';
import { ArtefactLabels } from './format';
import { PAGE_SIZES, type ReportFonts, type ReportOptions } from './input';
import { embedReportFonts } from './layout/fonts';
import { stampFooters } from './layout/footer';
import { writeOutline } from './layout/outline';
import { ReportWriter } from './layout/writer';
import { setReportMetadata } from './metadata';
import { drawArtefacts } from './sections/artefacts';
import { drawAttribution } from './sections/attribution';
import { drawContents, drawCover } from './sections/cover';
import { drawCustody } from './sections/custody';
import { drawDeclaration } from './sections/declaration';
import { drawEmails } from './sections/emails';
import { drawGlossary } from './sections/glossary';
import { drawMethod } from './sections/method';
import { drawTimeline } from './sections/timeline';
import { parseReportInput } from './validate';

/**
 * Lay out the court report. `input` is validated here (`REPORT_INPUT_INVALID` with the field,
 * `REPORT_VERSION_UNSUPPORTED`); fonts are checked (`REPORT_FONT_INVALID`); options too
 * (`REPORT_OPTIONS_INVALID`). Returns the unsaved document: the caller adds the signature
 * placeholder, saves and signs (pdf-lib has no incremental save). Same input, fonts and options →
 * same bytes from `save()`.
 */
export async function buildReport(
  input: unknown,
  fonts: ReportFonts,
  options: ReportOptions,
): Promise<PDFDocument> {
  const data = parseReportInput(input);
  if (!PAGE_SIZES.includes(options.pageSize)) {
    throw new ReportError(
      'REPORT_OPTIONS_INVALID',
      `page size ${String(options.pageSize)} is not A4 or Letter`,
      {
        where: 'pageSize',
      },
    );
  }
  const attachments = checkAttachments(options.attachments ?? []);

  const doc = await PDFDocument.create({ updateMetadata: false });
  setReportMetadata(doc, data);
  const fontSet = await embedReportFonts(doc, fonts);
  const w = new ReportWriter(doc, fontSet, options.pageSize);
  const labels = new ArtefactLabels(data.artefacts.map((a) => a.sha256));

  const contents = drawCover(w, data);
  drawDeclaration(w, data);
  drawArtefacts(w, data);
  drawCustody(w, data, labels);
  drawTimeline(w, data, labels);
  drawEmails(w, data, labels);
  drawAttribution(w, data, labels);
  drawMethod(w, data, labels);
  drawGlossary(w, data);

  drawContents(w, contents);
  stampFooters(w, {
    caseLine: `Case ${data.case.number} — ${data.case.title}`,
    head: `Forensic examination report · case ${data.case.number} · package ${data.packageId}`,
  });
  w.finish();
  writeOutline(doc, w.outline);
  await attachOriginals(doc, attachments, new Date(Date.parse(data.generatedAt)));
  return doc;
}
