/**
 * The app's "Parse" preview: the first events and warnings of a vault blob with the chosen format
 * and options, before the analyst commits to the decision. Stops reading once it has enough (the
 * runner checks the signal between 1 MiB chunks), so a preview of a 50 GiB log costs one chunk.
 */
import { join } from 'node:path';
import { blobPathFor, type ParseWarning, type SealcaseEvent } from '../../../shared/model';
import {
  createDefaultRegistry,
  validateParseOptions,
  type DetectCandidate,
} from '../../../shared/parsers';
import type { ParseDecisionOptions } from '../../../shared/model';
import { parseFile } from '../parse';

export const PREVIEW_EVENTS = 100;
export const PREVIEW_WARNINGS = 100;

export interface ParsePreviewRequest {
  readonly caseDir: string;
  readonly artefact: string;
  /** The original file name (detection looks at extensions). */
  readonly fileName: string;
  readonly format?: string;
  readonly options: ParseDecisionOptions;
}

export interface ParsePreview {
  readonly parser: { readonly name: string; readonly version: string };
  readonly detected: readonly DetectCandidate[];
  readonly events: SealcaseEvent[];
  readonly warnings: ParseWarning[];
  /** True when the whole artefact was read (small files); false when the preview stopped early. */
  readonly complete: boolean;
}

export async function previewParse(req: ParsePreviewRequest): Promise<ParsePreview> {
  const options = validateParseOptions({ ...req.options, artefact: req.artefact });
  const controller = new AbortController();
  const events: SealcaseEvent[] = [];
  const warnings: ParseWarning[] = [];
  const result = await parseFile(
    {
      path: join(req.caseDir, blobPathFor(req.artefact)),
      fileName: req.fileName,
      options,
      registry: createDefaultRegistry(),
      signal: controller.signal,
      ...(req.format === undefined ? {} : { format: req.format }),
    },
    (out) => {
      for (const e of out.events) if (events.length < PREVIEW_EVENTS) events.push(e);
      for (const w of out.warnings) if (warnings.length < PREVIEW_WARNINGS) warnings.push(w);
      if (events.length >= PREVIEW_EVENTS) controller.abort();
    },
  );
  return {
    parser: result.parser,
    detected: result.detected,
    events,
    warnings,
    complete: result.summary.complete && !controller.signal.aborted,
  };
}
