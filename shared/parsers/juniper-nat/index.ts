export { juniperNatParser } from './parser';
