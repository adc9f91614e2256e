export * from './export-history';
export * from './package-view';
export { MAX_VIEW_LINE } from './read-lines';
