export { emailParser, EMAIL_PARSER_NAME } from './parser';
export { detectEmail } from './detect';
export { parseReceived, type ReceivedParts } from './received';
export { tokenize as tokenizeReceived, type Token as ReceivedToken } from './received-tokens';
export { readIpText, type IpText } from './address-text';
export { headerColon, isMboxFromLine, type HeaderField } from './headers';
export {
  messageEvents,
  ORIGINATING_IP_HEADERS,
  type MessageContext,
  type MessageOutput,
} from './message';
export { createEmailStream, MAX_HEADER_BLOCK } from './stream';
