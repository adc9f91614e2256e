import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ReportError } from '../../../shared/errors';
import type { ReportFonts } from '../../../shared/report';

/** The DejaVu files the report embeds (Latin, Greek and Cyrillic coverage), by role. */
export const REPORT_FONT_FILES: Readonly<Record<keyof ReportFonts, string>> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
};

/**
 * Where a font file is: resolved through Node's module resolution from this module, so it works
 * from the sources (vitest), from the bundled main/CLI in out/ (dejavu-fonts-ttf is a production
 * dependency left external, found in node_modules) and inside app.asar.
 */
export function reportFontPath(role: keyof ReportFonts): string {
  const specifier = REPORT_FONT_FILES[role];
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch (cause) {
    throw new ReportError('REPORT_FONT_IO', `report font ${specifier} is not installed`, {
      where: specifier,
      cause,
    });
  }
}

/** Read the three report fonts. Throws `ReportError` `REPORT_FONT_IO` naming the file. */
export async function loadReportFonts(
  resolvePath: (role: keyof ReportFonts) => string = reportFontPath,
): Promise<ReportFonts> {
  const read = async (role: keyof ReportFonts): Promise<Uint8Array> => {
    const path = resolvePath(role);
    try {
      return new Uint8Array(await readFile(path));
    } catch (cause) {
      throw new ReportError('REPORT_FONT_IO', `cannot read report font ${path}`, {
        where: path,
        cause,
      });
    }
  };
  const [regular, bold, mono] = await Promise.all([read('regular'), read('bold'), read('mono')]);
  return { regular, bold, mono };
}
