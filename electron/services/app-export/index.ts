export * from './export-history';
export * from './package-view';
