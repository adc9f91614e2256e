export { keaLeasesParser } from './parser';
