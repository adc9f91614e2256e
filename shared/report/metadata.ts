import type { PDFDocument } from 'pdf-lib';
import type { ReportInput } from './input';

/** Title, author, subject, creator "Sealcase <version>", producer and dates, all from the input. */
export function setReportMetadata(doc: PDFDocument, input: ReportInput): void {
  const when = new Date(Date.parse(input.generatedAt));
  const version = input.method.sealcaseVersion;
  doc.setTitle(`Case ${input.case.number}: ${input.case.title}`, { showInWindowTitleBar: true });
  doc.setAuthor(
    input.examiner.org === null
      ? input.examiner.name
      : `${input.examiner.name}, ${input.examiner.org}`,
  );
  doc.setSubject(`Forensic examination report, package ${input.packageId}`);
  doc.setKeywords([
    'Sealcase',
    'forensic report',
    `case ${input.case.number}`,
    `package ${input.packageId}`,
  ]);
  doc.setCreator(`Sealcase ${version}`);
  doc.setProducer(`Sealcase ${version} report layout (pdf-lib)`);
  doc.setLanguage('en');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
}
