export { f5LsnParser } from './parser';
