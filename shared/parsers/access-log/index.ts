export { accessLogParser, generalAccessLogParser } from './parser';
