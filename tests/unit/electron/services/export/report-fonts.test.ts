import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../../../shared/errors';
import {
  loadReportFonts,
  reportFontPath,
} from '../../../../../electron/services/export/report-fonts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('loadReportFonts', () => {
  it('reads the three DejaVu TrueType files from the installed package', async () => {
    const fonts = await loadReportFonts();
    for (const role of ['regular', 'bold', 'mono'] as const) {
      expect(reportFontPath(role)).toMatch(
        /node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans(-Bold|Mono)?\.ttf$/,
      );
      expect(sha256(fonts[role])).toBe(sha256(readFileSync(reportFontPath(role))));
      // TrueType 1.0 signature.
      expect([...fonts[role].subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    }
    expect(sha256(fonts.regular)).not.toBe(sha256(fonts.bold));
  });

  it('names the file it cannot read, with REPORT_FONT_IO', async () => {
    const missing = '/nonexistent/sealcase/DejaVuSans.ttf';
    const error = await loadReportFonts(() => missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe('REPORT_FONT_IO');
    expect((error as ReportError).where).toBe(missing);
  });
});
