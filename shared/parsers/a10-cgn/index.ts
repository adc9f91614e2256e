export { a10CgnParser } from './parser';
