export { ciscoCgnParser } from './parser';
