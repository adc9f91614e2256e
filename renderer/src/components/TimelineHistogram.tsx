import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TimelineHistogramProps {
  /** Bucket start times (epoch ms) and counts. */
  readonly from: number;
  readonly bucketMs: number;
  readonly counts: readonly number[];
  /** Brushing: the chosen range [from, to) in epoch ms. */
  readonly onBrush: (from: number, to: number) => void;
  readonly label: string;
}

/**
 * Events per time bucket (uPlot bars); drag across it to zoom the timeline to that range. The
 * axis is UTC whatever the display zone (the table shows the chosen zone).
 */
export function TimelineHistogram({
  from,
  bucketMs,
  counts,
  onBrush,
  label,
}: TimelineHistogramProps) {
  const host = useRef<HTMLDivElement>(null);
  const brush = useRef(onBrush);
  useEffect(() => {
    brush.current = onBrush;
  });
  useEffect(() => {
    const el = host.current;
    const bars = uPlot.paths.bars?.({ size: [0.9, 40] });
    if (el === null || counts.length === 0) return undefined;
    const xs = counts.map((_, i) => (from + i * bucketMs) / 1000);
    const style = getComputedStyle(el);
    const accent = style.getPropertyValue('--accent').trim() || '#1f5fbf';
    const text = style.getPropertyValue('--text-muted').trim() || '#57606a';
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: 120,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: text, grid: { show: false }, size: 28 },
          { stroke: text, size: 44, grid: { stroke: 'rgba(128,128,128,0.15)' } },
        ],
        series: [
          {},
          {
            label: 'events',
            stroke: accent,
            fill: `${accent}55`,
            ...(bars === undefined ? {} : { paths: bars }),
            points: { show: false },
          },
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const a = u.posToVal(u.select.left, 'x') * 1000;
              const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              // Snap to whole bars: bar i stands for [from + i·w, from + (i+1)·w).
              const last = counts.length - 1;
              const i0 = Math.max(0, Math.min(last, Math.round((a - from) / bucketMs)));
              const i1 = Math.max(i0, Math.min(last, Math.round((b - from) / bucketMs)));
              brush.current(
                Math.floor(from + i0 * bucketMs),
                Math.ceil(from + (i1 + 1) * bucketMs),
              );
            },
          ],
        },
      },
      [xs, [...counts]],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(300, el.clientWidth), height: 120 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [from, bucketMs, counts]);
  return <div ref={host} className="histogram" role="img" aria-label={label} />;
}
