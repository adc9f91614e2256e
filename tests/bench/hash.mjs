#!/usr/bin/env node
// hash.sha256 and hash.triple (issue 3) against openssl and hashdeep, on the same generated file.
import process from 'node:process';
import { MiB, cliPath, compare, generatedInput, inputSizeMiB, report, timed } from './_lib.mjs';

const sizeMiB = inputSizeMiB(1);
const file = await generatedInput('hash', sizeMiB);
const cli = cliPath('hash');
const node = process.execPath;
const ours = (algorithms) => () => timed(node, [cli, 'hash', '--algorithms', algorithms, file]);
const tool = (cmd, args) => () => timed(cmd, [...args, file]);

// Warm the page cache so every run reads from memory alike.
await timed('cat', [file]);

const sha256 = await compare(ours('sha256'), tool('openssl', ['dgst', '-sha256']));
report('hash.sha256', sizeMiB, sha256, 'openssl dgst -sha256');

const triple = await compare(ours('md5,sha1,sha256'), tool('openssl', ['dgst', '-md5']));
report('hash.triple', sizeMiB, triple, 'openssl dgst -md5');

const vsHashdeep = await compare(
  ours('md5,sha1,sha256'),
  tool('hashdeep', ['-c', 'md5,sha1,sha256']),
);
report('hash.triple', sizeMiB, vsHashdeep, 'hashdeep -c md5,sha1,sha256');
void MiB;
