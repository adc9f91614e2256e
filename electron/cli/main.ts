#!/usr/bin/env node
import { version } from '../../package.json';
import { runCli } from './program';

const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  },
  version,
);
process.exitCode = code;
