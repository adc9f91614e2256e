export { dnsmasqLeasesParser } from './parser';
