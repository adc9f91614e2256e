/**
 * Channel names of the IPC contract. Kept free of validators so the preload bundle stays tiny;
 * `schemas.ts` holds one request/response validator pair per name listed here.
 */
export const CHANNELS = [
  'app:info',
  'case:list',
  'case:create',
  'case:createDemo',
  'case:open',
  'custody:verify',
  'artefacts:list',
  'identity:status',
  'identity:unlock',
  'identity:lock',
  'identity:pick',
  'intake:pick',
  'intake:start',
  'intake:cancel',
  'parse:formats',
  'parse:preview',
  'parse:record',
  'parse:decisions',
  'profiles:list',
  'profiles:save',
  'attribution:run',
  'attribution:cancel',
  'attribution:record',
  'workspace:sources',
  'workspace:open',
  'workspace:next',
  'workspace:close',
  'workspace:excerpt',
  'analysis:list',
  'analysis:bookmark',
  'analysis:correctClock',
  'export:run',
  'export:cancel',
  'export:list',
  'package:open',
  'package:verify',
  'package:view',
  'package:cancel',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The one main → renderer event channel: progress of long work. */
export const PROGRESS_EVENT = 'sealcase:progress';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
