/**
 * The `email` parser: `.eml`, pasted header blocks and mbox → `email:message` (one per message)
 * and `email:received` (one per Received field, hop 1 = the earliest). See received.ts for the
 * Received grammar, stream.ts for streaming and bounds, message.ts for the events.
 */
import type { Parser } from '../types';
import { detectEmail } from './detect';
import { createEmailStream } from './stream';

export const EMAIL_PARSER_NAME = 'email';

export const emailParser: Parser = {
  name: EMAIL_PARSER_NAME,
  version: '1.0.0',
  description: 'Email headers (.eml, pasted header blocks, mbox): messages and Received hops',
  kinds: ['email'],
  eventTypes: ['email:message', 'email:received'],
  detect(sample) {
    try {
      return detectEmail(sample);
    } catch {
      return 0;
    }
  },
  createParser(options, ctx) {
    return createEmailStream(EMAIL_PARSER_NAME, options, ctx);
  },
};
