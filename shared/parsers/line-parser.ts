/**
 * The helper most formats want: a `StreamingParser` that splits chunks into lines (lines.ts) and
 * calls `onLine` for each, catching a throw per line so one bad line costs one warning
 * (`PARSER_FAILED` at that line) and never the rest of the chunk.
 */
import type { Locator, ParseWarning, SealcaseEvent } from '../model/event';
import { createLineSplitter, type Line } from './lines';
import type { ParseOutput, ParserContext, StreamingParser } from './types';

/** Where a line handler puts what it found. */
export interface Emit {
  event(event: SealcaseEvent): void;
  warning(code: string, message: string, locator: Locator | null): void;
  /** Pre-built warnings, e.g. from stamp() or a syslog year tracker. */
  warnings(list: readonly ParseWarning[]): void;
}

export interface LineHandlers {
  /** One line (terminator removed). Throwing is caught and reported; prefer `emit.warning`. */
  onLine(line: Line, emit: Emit): void;
  /** After the last line: flush state (open records, journal "last wins" tables…). */
  onEnd?(emit: Emit): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function createLineParser(
  parserName: string,
  ctx: Pick<ParserContext, 'maxLineLength'>,
  handlers: LineHandlers,
): StreamingParser {
  const splitter = createLineSplitter({ maxLength: ctx.maxLineLength });
  let out: ParseOutput = { events: [], warnings: [] };
  const emit: Emit = {
    event: (e) => {
      out.events.push(e);
    },
    warning: (code, message, locator) => {
      out.warnings.push({ code, message, locator });
    },
    warnings: (list) => {
      for (const w of list) out.warnings.push(w);
    },
  };
  const feed = (lines: readonly Line[]): void => {
    for (const line of lines) {
      try {
        handlers.onLine(line, emit);
      } catch (error) {
        out.warnings.push({
          code: 'PARSER_FAILED',
          message: `${parserName} failed on line ${line.number} (${describe(error)}); the line was skipped`,
          locator: { line: line.number },
        });
      }
    }
  };
  const take = (): ParseOutput => {
    const result = out;
    out = { events: [], warnings: [] };
    return result;
  };
  return {
    push(chunk) {
      const batch = splitter.push(chunk);
      for (const w of batch.warnings) out.warnings.push(w);
      feed(batch.lines);
      return take();
    },
    end() {
      const batch = splitter.end();
      for (const w of batch.warnings) out.warnings.push(w);
      feed(batch.lines);
      if (handlers.onEnd !== undefined) {
        try {
          handlers.onEnd(emit);
        } catch (error) {
          out.warnings.push({
            code: 'PARSER_FAILED',
            message: `${parserName} failed at the end of the input (${describe(error)})`,
            locator: null,
          });
        }
      }
      return take();
    },
  };
}
