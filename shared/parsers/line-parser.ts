/**
 * The helper most formats want: a `StreamingParser` that splits chunks into lines (lines.ts) and
 * calls `onLine` (or `onText`) for each as it is found, catching a throw per line so one bad line costs one warning
 * (`PARSER_FAILED` at that line) and never the rest of the chunk.
 */
import type { Locator, ParseWarning, SealcaseEvent } from '../model/event';
import { createLineSplitter, type Line, type RangeVisitor } from './lines';
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
  /**
   * Optional, called instead of `onLine` when given: the same line as text and number, so that a
   * hot parser (access logs: millions of lines) gets no `Line` object per line.
   */
  onText?(text: string, number: number, emit: Emit): void;
  /**
   * Optional, with `onText`: a line that lies wholly inside one chunk, in place (`src[start, end)`,
   * `src` the chunk), so that a hot parser can read it without a string per line; lines joined
   * across chunks still go to `onText`.
   */
  onRange?(src: string, start: number, end: number, number: number, emit: Emit): void;
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
  const failed = (error: unknown, number: number): void => {
    out.warnings.push({
      code: 'PARSER_FAILED',
      message: `${parserName} failed on line ${number} (${describe(error)}); the line was skipped`,
      locator: { line: number },
    });
  };
  const onText = handlers.onText;
  const visit = (text: string, number: number): void => {
    try {
      if (onText !== undefined) onText(text, number, emit);
      else handlers.onLine({ text, number }, emit);
    } catch (error) {
      failed(error, number);
    }
  };
  const onRange = handlers.onRange;
  const visitRange: RangeVisitor | null =
    onRange === undefined
      ? null
      : (src, start, end, number) => {
          try {
            onRange(src, start, end, number, emit);
          } catch (error) {
            failed(error, number);
          }
        };
  /** The splitter's warnings (over-long lines) come before what the lines of that step gave. */
  const splitterFirst = (warnings: ParseWarning[]): void => {
    if (warnings.length > 0) out = { events: out.events, warnings: warnings.concat(out.warnings) };
  };
  const take = (): ParseOutput => {
    const result = out;
    out = { events: [], warnings: [] };
    return result;
  };
  return {
    push(chunk) {
      splitterFirst(
        visitRange === null
          ? splitter.pushEach(chunk, visit)
          : splitter.pushRanges(chunk, visitRange, visit),
      );
      return take();
    },
    end() {
      splitterFirst(splitter.endEach(visit));
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
