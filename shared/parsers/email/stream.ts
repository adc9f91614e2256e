/**
 * The streaming email reader: `.eml`, pasted header blocks and mbox. Lines come from the
 * framework's line parser; only the header block of the current message is held (at most
 * `MAX_HEADER_BLOCK` characters, beyond that the rest of the block is skipped with a warning);
 * bodies are skipped line by line and never buffered.
 *
 * mbox: when the first non-blank line is a `From ` separator, every later `From ` line at the
 * start of a line begins a new message (bodies escape theirs as `>From `). Otherwise the input is
 * one message, and everything after its header block is body.
 */
import type { ParseOptions, ParserContext, StreamingParser } from '../types';
import { createLineParser, type Emit } from '../line-parser';
import {
  PendingField,
  headerColon,
  isBlank,
  isMboxFromLine,
  startsWithWsp,
  type HeaderField,
} from './headers';
import { messageEvents } from './message';

/** Largest header block kept for one message (characters, line breaks counted). */
export const MAX_HEADER_BLOCK = 1024 * 1024;

type Phase = 'start' | 'headers' | 'skip-headers' | 'body';

export function createEmailStream(
  name: string,
  options: ParseOptions,
  ctx: Pick<ParserContext, 'maxLineLength'>,
  maxHeaderBlock = MAX_HEADER_BLOCK,
): StreamingParser {
  let mode: 'unknown' | 'mbox' | 'single' = 'unknown';
  let phase: Phase = 'start';
  let fields: HeaderField[] = [];
  let pending: PendingField | null = null;
  let size = 0;
  let firstLine = 0;
  let messageNumber = 0;
  let messagesWithHeaders = 0;
  let junkWarned = false;
  let separatorLine = 0;
  /** A message has begun (a `From ` line or its first field) and has not been emitted. */
  let open = false;

  const flushPending = (): void => {
    if (pending !== null) fields.push(pending.finish());
    pending = null;
  };

  const finishMessage = (emit: Emit): void => {
    if (!open) return;
    open = false;
    flushPending();
    if (fields.length > 0) {
      messagesWithHeaders++;
      const out = messageEvents(fields, {
        firstLine,
        options,
        ...(mode === 'mbox' ? { message: messageNumber } : {}),
      });
      for (const e of out.events) emit.event(e);
      emit.warnings(out.warnings);
    } else if (mode === 'mbox' && separatorLine > 0) {
      emit.warning(
        'EMAIL_MESSAGE_EMPTY',
        `message ${messageNumber} (the "From " line at line ${separatorLine}) has no header fields`,
        { line: separatorLine },
      );
    }
    fields = [];
    size = 0;
    firstLine = 0;
    junkWarned = false;
  };

  const tooLarge = (emit: Emit, lineNumber: number): void => {
    emit.warning(
      'EMAIL_HEADER_TOO_LARGE',
      `the header block reaches ${maxHeaderBlock} characters at line ${lineNumber}; the rest of it was skipped (the fields before are kept)`,
      { line: lineNumber },
    );
  };

  const startField = (text: string, colon: number, line: number): void => {
    flushPending();
    pending = new PendingField(text, colon, line);
    open = true;
    if (firstLine === 0) firstLine = line;
  };

  return createLineParser(name, ctx, {
    onLine(line, emit) {
      const text = line.text;
      if (mode === 'unknown') {
        if (isBlank(text)) return;
        mode = isMboxFromLine(text) ? 'mbox' : 'single';
        if (mode === 'single') messageNumber = 1;
      }
      if (mode === 'mbox' && isMboxFromLine(text)) {
        finishMessage(emit);
        messageNumber++;
        separatorLine = line.number;
        open = true;
        phase = 'start';
        return;
      }
      switch (phase) {
        case 'body':
          return;
        case 'start': {
          if (isBlank(text)) {
            // In mbox the header block follows the `From ` line at once: a blank line ends it.
            if (mode === 'mbox' && open) {
              finishMessage(emit);
              phase = 'body';
            }
            return;
          }
          const colon = headerColon(text);
          if (colon >= 0) {
            size = text.length + 1;
            if (size > maxHeaderBlock) {
              open = true;
              phase = 'skip-headers';
              tooLarge(emit, line.number);
              return;
            }
            phase = 'headers';
            startField(text, colon, line.number);
          } else if (!junkWarned) {
            junkWarned = true;
            emit.warning(
              'EMAIL_TEXT_BEFORE_HEADERS',
              `line ${line.number} is not a header field; text before the header block is skipped`,
              { line: line.number },
            );
          }
          return;
        }
        case 'skip-headers':
          if (isBlank(text)) {
            finishMessage(emit);
            phase = 'body';
          }
          return;
        case 'headers': {
          if (isBlank(text)) {
            finishMessage(emit);
            phase = 'body';
            return;
          }
          size += text.length + 1;
          if (size > maxHeaderBlock) {
            // Keep the fields that ended before the cap; drop one cut in the middle.
            if (startsWithWsp(text)) pending = null;
            else flushPending();
            phase = 'skip-headers';
            tooLarge(emit, line.number);
            return;
          }
          if (startsWithWsp(text) && pending !== null) {
            (pending as PendingField).continue(text, false);
            return;
          }
          const colon = headerColon(text);
          if (colon >= 0) {
            startField(text, colon, line.number);
            return;
          }
          if (pending !== null) {
            (pending as PendingField).continue(text.trimStart(), true);
            emit.warning(
              'EMAIL_LINE_NOT_A_HEADER',
              `line ${line.number} is neither a header field nor indented; read as a continuation of ${(pending as PendingField).name} (folding lost in copy-paste?)`,
              { line: line.number },
            );
          }
          return;
        }
      }
    },
    onEnd(emit) {
      finishMessage(emit);
      if (messagesWithHeaders === 0) {
        emit.warning(
          'EMAIL_NO_HEADERS',
          'no email header fields were found (expected lines such as "Received:", "From:", "Date:")',
          null,
        );
      }
    },
  });
}
