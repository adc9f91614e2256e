export { dhcpdLeasesParser } from './parser';
