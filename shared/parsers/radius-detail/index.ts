export { radiusDetailParser } from './parser';
