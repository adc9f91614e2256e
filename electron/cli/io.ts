/** Where the CLI writes; injected so tests can capture output without spawning a process. */
export interface CliIo {
  readonly out: (text: string) => void;
  /** Like `out`, resolving when the text is handed on (stdout back-pressure for large outputs). */
  readonly outAsync?: (text: string) => Promise<void>;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes of DESIGN.md: 0 success, 1 verification failed or findings, 2 bad usage / unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands to end with a code and one clear line on stderr. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}
