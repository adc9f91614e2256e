export { sshdParser } from './parser';
