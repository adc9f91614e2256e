export { conntrackParser } from './parser';
