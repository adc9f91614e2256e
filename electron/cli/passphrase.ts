import { CliExit, EXIT, type CliIo } from './io';

/**
 * Passphrases come from an environment variable or a no-echo prompt on the terminal — never
 * from a flag (DESIGN.md: flags end up in shell history and `ps`).
 */
export interface PassphrasePrompt {
  /** Whether there is a terminal to ask on. */
  readonly interactive: boolean;
  /** Asks `question` without echoing what is typed; resolves with the answer. */
  ask(question: string): Promise<string>;
}

export const PASSPHRASE_ENV = 'SEALCASE_PASSPHRASE';
export const CA_PASSPHRASE_ENV = 'SEALCASE_CA_PASSPHRASE';

export interface PassphraseRequest {
  readonly envVar: typeof PASSPHRASE_ENV | typeof CA_PASSPHRASE_ENV;
  /** e.g. "Passphrase for ca.p12" (": " is added). */
  readonly question: string;
  /** A new passphrase: asked twice on a terminal, and the two must match. */
  readonly confirm?: boolean;
}

/** Reads one passphrase: the environment first, then the terminal; exit 2 when neither has one. */
export async function readPassphrase(
  io: CliIo,
  prompt: PassphrasePrompt,
  request: PassphraseRequest,
): Promise<string> {
  const fromEnv = io.env[request.envVar];
  if (fromEnv !== undefined) {
    if (fromEnv.length === 0) throw new CliExit(EXIT.usage, `${request.envVar} is set but empty`);
    return fromEnv;
  }
  if (!prompt.interactive) {
    throw new CliExit(
      EXIT.usage,
      `no passphrase: set ${request.envVar} or run on a terminal to be asked (${request.question.toLowerCase()})`,
    );
  }
  const first = await prompt.ask(`${request.question}: `);
  if (first.length === 0) throw new CliExit(EXIT.usage, 'the passphrase is empty');
  if (request.confirm === true) {
    const second = await prompt.ask('Repeat it: ');
    if (second !== first) throw new CliExit(EXIT.usage, 'the two passphrases differ');
  }
  return first;
}

/**
 * The real terminal: the question on stderr, stdin in raw mode so nothing is echoed. Enter ends
 * the answer, Backspace deletes, Ctrl-C or Ctrl-D cancels (exit 2).
 */
export function terminalPrompt(
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): PassphrasePrompt {
  return {
    interactive: stdin.isTTY && stderr.isTTY,
    ask: (question) =>
      new Promise<string>((resolve, reject) => {
        stderr.write(question);
        let answer = '';
        const wasRaw = stdin.isRaw;
        const done = (error: Error | null): void => {
          stdin.off('data', onData);
          stdin.setRawMode(wasRaw);
          stdin.pause();
          stderr.write('\n');
          if (error === null) resolve(answer);
          else reject(error);
        };
        const onData = (chunk: Buffer | string): void => {
          for (const char of chunk.toString('utf8')) {
            if (char === '\r' || char === '\n') return done(null);
            if (char === '\u0003' || char === '\u0004') {
              return done(new CliExit(EXIT.usage, 'cancelled at the passphrase prompt'));
            }
            if (char === '\u007f' || char === '\b') answer = [...answer].slice(0, -1).join('');
            else if (char >= ' ') answer += char;
          }
        };
        stdin.setRawMode(true);
        stdin.resume();
        stdin.on('data', onData);
      }),
  };
}
