export * from './calendar';
export * from './warnings';
export * from './instant';
export * from './zones';
export * from './syslog-year';
export * from './abbreviations';
export * from './excel';
export * from './stamp';
