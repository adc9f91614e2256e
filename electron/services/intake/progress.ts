/** Progress of an intake, per file and overall (DESIGN.md "IPC": bytes, total, rate, ETA). */
export interface IntakeProgress {
  readonly phase: 'copying' | 'verifying' | 'recording' | 'done';
  readonly file: {
    readonly path: string;
    readonly index: number;
    readonly bytesDone: number;
    readonly bytesTotal: number;
  } | null;
  readonly overall: {
    readonly bytesDone: number;
    readonly bytesTotal: number;
    readonly filesDone: number;
    readonly filesTotal: number;
  };
  /** Bytes per second over the whole intake so far. */
  readonly rate: number;
  /** Seconds left at the current rate; null until a rate is known. */
  readonly etaSeconds: number | null;
}

/** Turns byte counts into throttled progress events. */
export class ProgressTracker {
  private lastEmit = -Infinity;
  private bytesBefore = 0;
  private filesDone = 0;
  private readonly started: number;

  constructor(
    private readonly bytesTotal: number,
    private readonly filesTotal: number,
    private readonly emit: ((p: IntakeProgress) => void) | undefined,
    private readonly clock: () => number,
    private readonly intervalMs = 100,
  ) {
    this.started = clock();
  }

  private send(
    phase: IntakeProgress['phase'],
    file: IntakeProgress['file'],
    bytesDone: number,
    force: boolean,
  ): void {
    if (this.emit === undefined) return;
    const now = this.clock();
    if (!force && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    const left = this.bytesTotal - bytesDone;
    this.emit({
      phase,
      file,
      overall: {
        bytesDone,
        bytesTotal: this.bytesTotal,
        filesDone: this.filesDone,
        filesTotal: this.filesTotal,
      },
      rate,
      etaSeconds: rate > 0 ? left / rate : left === 0 ? 0 : null,
    });
  }

  fileBytes(path: string, index: number, done: number, total: number, force = false): void {
    this.send(
      'copying',
      { path, index, bytesDone: done, bytesTotal: total },
      this.bytesBefore + done,
      force,
    );
  }

  phase(phase: 'verifying' | 'recording', path: string, index: number, total: number): void {
    this.send(
      phase,
      { path, index, bytesDone: total, bytesTotal: total },
      this.bytesBefore + total,
      true,
    );
  }

  fileDone(size: number): void {
    this.bytesBefore += size;
    this.filesDone++;
  }

  done(): void {
    this.send('done', null, this.bytesBefore, true);
  }
}
