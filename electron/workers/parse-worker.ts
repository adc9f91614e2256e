/**
 * Parse worker: parses one vault artefact with its recorded decision off main's event loop, builds
 * the workspace store's pages from the events and posts them (protocol in `parse-protocol.ts`).
 * Built to `out/workers/parse-worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isSealcaseError } from '../../shared/errors';
import { createDefaultRegistry, validateParseOptions } from '../../shared/parsers';
import { PAGE_SIZE, PageBuilder, toWirePage } from '../../shared/workspace';
import { parseFile } from '../services/parse';
import {
  PARSE_CREDITS,
  type FromParseWorker,
  type ParseWorkerData,
  type ToParseWorker,
} from './parse-protocol';

const data = workerData as ParseWorkerData;
const port = parentPort;
if (port === null) throw new Error('parse-worker must run in a worker thread');
const controller = new AbortController();
let credits = PARSE_CREDITS;
let wake: (() => void) | null = null;

port.on('message', (m: ToParseWorker) => {
  if (m.type === 'abort') controller.abort();
  else credits++;
  const w = wake;
  wake = null;
  w?.();
});

const post = (m: FromParseWorker) => port.postMessage(m);
// Pages without their trigram filter: the renderer makes it from the JSON it stores (WirePage).
const builder = new PageBuilder(data.artefact, PAGE_SIZE, 'json', false);

void (async () => {
  let parser: { name: string; version: string } | null = null;
  let error: { message: string; code: string } | null = null;
  try {
    const result = await parseFile(
      {
        path: data.path,
        fileName: data.fileName,
        format: data.format,
        options: validateParseOptions({ ...data.options, artefact: data.artefact }),
        registry: createDefaultRegistry(),
        signal: controller.signal,
        onBytes: (bytes, total) => post({ type: 'bytes', bytes, total }),
      },
      async (out) => {
        while (credits <= 0 && !controller.signal.aborted) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
        const pages = builder.push(out.events).map(toWirePage);
        if (pages.length === 0 && out.warnings.length === 0) return;
        credits--;
        post({ type: 'pages', pages, warnings: out.warnings });
      },
    );
    parser = result.parser;
    const e = result.summary.error;
    if (e !== null && e.code !== 'PARSE_CANCELLED') error = { message: e.message, code: e.code };
    // The buffered tail becomes the last pages only for a run that parsed to the end.
    if (e === null && !controller.signal.aborted) {
      const last = builder.finish().map(toWirePage);
      if (last.length > 0) post({ type: 'pages', pages: last, warnings: [] });
    }
  } catch (failure) {
    error = {
      message: failure instanceof Error ? failure.message : String(failure),
      code: isSealcaseError(failure) ? failure.code : 'INTERNAL',
    };
  }
  post({ type: 'done', parser, error });
  port.close();
})();
