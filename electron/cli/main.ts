#!/usr/bin/env node
import { version } from '../../package.json';
import { runCli } from './program';

// `sealcase parse big.log | head`: a closed pipe ends the output quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    outAsync: (text) =>
      new Promise<void>((done) => {
        if (process.stdout.write(text)) done();
        else process.stdout.once('drain', () => done());
      }),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  },
  version,
);
process.exitCode = code;
