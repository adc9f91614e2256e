import { rgb, type RGB } from 'pdf-lib';
import type { PageSizeName } from '../input';

/** Page sizes in PDF points (1/72 in): ISO A4 210×297 mm, US Letter 8.5×11 in. */
export const PAGE_DIMENSIONS: Readonly<Record<PageSizeName, readonly [number, number]>> = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
};

/** Margins in points; the footer sits inside the bottom margin. */
export const MARGIN = { top: 56, bottom: 62, left: 54, right: 54 } as const;

export const COLORS: Readonly<
  Record<'text' | 'muted' | 'rule' | 'headerFill' | 'stripe' | 'accent' | 'warnFill', RGB>
> = {
  text: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.42, 0.42, 0.46),
  rule: rgb(0.72, 0.72, 0.76),
  headerFill: rgb(0.9, 0.91, 0.93),
  stripe: rgb(0.97, 0.97, 0.98),
  accent: rgb(0.13, 0.24, 0.4),
  warnFill: rgb(0.99, 0.96, 0.88),
};

/** Type sizes (pt) and the line height factor. */
export const TYPE = {
  title: 22,
  h1: 15,
  h2: 11.5,
  body: 9.5,
  table: 7.8,
  tableMono: 7.2,
  small: 7.5,
  lineFactor: 1.32,
} as const;
