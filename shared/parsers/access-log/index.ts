export { accessLogParser } from './parser';
