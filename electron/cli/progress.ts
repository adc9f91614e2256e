import type { IntakeProgress } from '../services/intake';

/** Where the bar is drawn: stderr of a terminal. Quiet (draws nothing) when not a TTY. */
export interface ProgressSink {
  readonly isTTY: boolean;
  readonly columns?: number | undefined;
  readonly write: (text: string) => void;
}

export function stderrSink(): ProgressSink {
  const stream = process.stderr;
  return {
    isTTY: stream.isTTY === true,
    columns: stream.columns,
    write: (text) => {
      stream.write(text);
    },
  };
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** One line: bar, percentage, bytes, rate, ETA, file n/N and its name. */
export function renderProgressLine(p: IntakeProgress, columns: number): string {
  const { overall } = p;
  const fraction = overall.bytesTotal > 0 ? overall.bytesDone / overall.bytesTotal : 1;
  const width = 20;
  const filled = Math.min(width, Math.round(fraction * width));
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
  const files = `${Math.min(overall.filesDone + 1, overall.filesTotal)}/${overall.filesTotal}`;
  const phase = p.phase === 'copying' ? '' : ` ${p.phase}`;
  let line =
    `${bar} ${pct} ${formatBytes(overall.bytesDone)}/${formatBytes(overall.bytesTotal)} ` +
    `${formatBytes(p.rate)}/s ETA ${formatDuration(p.etaSeconds)} file ${files}${phase}`;
  if (p.file !== null) {
    const name = p.file.path.split('/').pop() ?? '';
    line += ` ${name}`;
  }
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 2)) + '…' : line;
}

/** A progress bar redrawn in place on a terminal; nothing at all when piped. */
export class ProgressBar {
  private drawn = false;
  constructor(private readonly sink: ProgressSink) {}

  update(p: IntakeProgress): void {
    if (!this.sink.isTTY) return;
    const line = renderProgressLine(p, this.sink.columns ?? 80);
    this.sink.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Clears the bar so the next line starts clean. */
  clear(): void {
    if (!this.sink.isTTY || !this.drawn) return;
    this.sink.write('\r\x1b[2K');
    this.drawn = false;
  }
}
