export * from './examiner-session';
