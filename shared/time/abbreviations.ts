/**
 * Zone abbreviations (`CEST`, `EET`, `HKT`, `CST`, `IST`…) name an offset only by convention, and
 * several name more than one (`CST`: US Central −06:00, China +08:00, Cuba −05:00; `IST`: India,
 * Ireland, Israel). Sealcase accepts one only when it is checked:
 *
 * - against the **declared zone at that date**: the abbreviation's offset must be the offset the
 *   zone really had at the instant it denotes (`CEST` for Europe/Berlin in summer, not in winter);
 *   this also settles a DST overlap (`01:30 EDT` vs `01:30 EST` on 2024-11-03 in New York);
 * - or against an **epoch value** in the same record (FreeRADIUS `Timestamp`): the reading must be
 *   within a tolerance of it.
 * `UTC`, `GMT`, `UT`, `Z` and explicit `UTC+2` / `GMT-05:30` forms mean one thing everywhere and
 * need no check.
 *
 * The table lists common abbreviations and every meaning we know for each; an abbreviation not in
 * it is refused (never guessed). Add rows with a source; never remove a meaning.
 */
import { MS_PER_MINUTE, wallToUtcMs, type WallTime } from './calendar';
import { canonicalTimeZone, zoneOffsetAt } from './zones';

export interface AbbreviationMeaning {
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
  readonly label: string;
  /**
   * For a minority meaning of a shared abbreviation: the only zones it belongs to (`CST` as Cuba
   * Standard Time is America/Havana only), so a zone that merely has that offset does not match.
   */
  readonly zones?: readonly string[];
}

const m = (offsetMinutes: number, label: string, zones?: readonly string[]): AbbreviationMeaning =>
  zones === undefined ? { offsetMinutes, label } : { offsetMinutes, label, zones };

const CHINA = [
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Harbin',
  'Asia/Taipei',
  'Asia/Macau',
  'PRC',
  'ROC',
];
const CUBA = ['America/Havana', 'Cuba'];
const ISRAEL = ['Asia/Jerusalem', 'Asia/Tel_Aviv', 'Israel'];
const IRELAND = ['Europe/Dublin', 'Eire'];
const ARABIA = [
  'Asia/Riyadh',
  'Asia/Baghdad',
  'Asia/Kuwait',
  'Asia/Aden',
  'Asia/Bahrain',
  'Asia/Qatar',
];

/** Abbreviation (upper case) → every meaning in use. Sources: tzdata abbreviations, RFC 5322 §4.3. */
export const ZONE_ABBREVIATIONS: ReadonlyMap<string, readonly AbbreviationMeaning[]> = new Map([
  ['UTC', [m(0, 'Coordinated Universal Time')]],
  ['GMT', [m(0, 'Greenwich Mean Time')]],
  ['UT', [m(0, 'Universal Time')]],
  ['Z', [m(0, 'Zulu (UTC)')]],
  ['WET', [m(0, 'Western European Time')]],
  ['WEST', [m(60, 'Western European Summer Time')]],
  [
    'BST',
    [
      m(60, 'British Summer Time'),
      m(360, 'Bangladesh Standard Time', ['Asia/Dhaka', 'Asia/Dacca']),
    ],
  ],
  [
    'IST',
    [
      m(330, 'India Standard Time'),
      m(60, 'Irish Standard Time', IRELAND),
      m(120, 'Israel Standard Time', ISRAEL),
    ],
  ],
  ['CET', [m(60, 'Central European Time')]],
  ['CEST', [m(120, 'Central European Summer Time')]],
  ['MET', [m(60, 'Middle European Time')]],
  ['MEST', [m(120, 'Middle European Summer Time')]],
  ['EET', [m(120, 'Eastern European Time')]],
  ['EEST', [m(180, 'Eastern European Summer Time')]],
  [
    'MSK',
    [
      m(180, 'Moscow Time'),
      m(240, 'Moscow Time (2011-2014)', ['Europe/Moscow', 'W-SU', 'Europe/Simferopol']),
    ],
  ],
  ['MSD', [m(240, 'Moscow Summer Time')]],
  ['IDT', [m(180, 'Israel Daylight Time')]],
  ['TRT', [m(180, 'Turkey Time')]],
  ['EAT', [m(180, 'East Africa Time')]],
  ['CAT', [m(120, 'Central Africa Time')]],
  ['WAT', [m(60, 'West Africa Time')]],
  ['SAST', [m(120, 'South Africa Standard Time')]],
  [
    'GST',
    [m(240, 'Gulf Standard Time'), m(-120, 'South Georgia Time', ['Atlantic/South_Georgia'])],
  ],
  ['IRST', [m(210, 'Iran Standard Time')]],
  ['IRDT', [m(270, 'Iran Daylight Time')]],
  ['PKT', [m(300, 'Pakistan Standard Time')]],
  ['NPT', [m(345, 'Nepal Time')]],
  ['ICT', [m(420, 'Indochina Time')]],
  ['WIB', [m(420, 'Western Indonesia Time')]],
  ['WITA', [m(480, 'Central Indonesia Time')]],
  ['WIT', [m(540, 'Eastern Indonesia Time')]],
  ['HKT', [m(480, 'Hong Kong Time')]],
  ['SGT', [m(480, 'Singapore Time')]],
  ['PHT', [m(480, 'Philippine Time')]],
  ['AWST', [m(480, 'Australian Western Standard Time')]],
  ['ACST', [m(570, 'Australian Central Standard Time')]],
  ['ACDT', [m(630, 'Australian Central Daylight Time')]],
  ['AEST', [m(600, 'Australian Eastern Standard Time')]],
  ['AEDT', [m(660, 'Australian Eastern Daylight Time')]],
  ['JST', [m(540, 'Japan Standard Time')]],
  ['KST', [m(540, 'Korea Standard Time')]],
  ['NZST', [m(720, 'New Zealand Standard Time')]],
  ['NZDT', [m(780, 'New Zealand Daylight Time')]],
  ['HST', [m(-600, 'Hawaii Standard Time')]],
  ['HDT', [m(-540, 'Hawaii-Aleutian Daylight Time')]],
  ['AKST', [m(-540, 'Alaska Standard Time')]],
  ['AKDT', [m(-480, 'Alaska Daylight Time')]],
  ['PST', [m(-480, 'Pacific Standard Time'), m(480, 'Philippine Standard Time', ['Asia/Manila'])]],
  ['PDT', [m(-420, 'Pacific Daylight Time')]],
  ['MST', [m(-420, 'Mountain Standard Time')]],
  ['MDT', [m(-360, 'Mountain Daylight Time')]],
  [
    'CST',
    [
      m(-360, 'Central Standard Time (North America)'),
      m(480, 'China Standard Time', CHINA),
      m(-300, 'Cuba Standard Time', CUBA),
    ],
  ],
  ['CDT', [m(-300, 'Central Daylight Time (North America)'), m(-240, 'Cuba Daylight Time', CUBA)]],
  ['EST', [m(-300, 'Eastern Standard Time')]],
  ['EDT', [m(-240, 'Eastern Daylight Time')]],
  ['AST', [m(-240, 'Atlantic Standard Time'), m(180, 'Arabia Standard Time', ARABIA)]],
  ['ADT', [m(-180, 'Atlantic Daylight Time')]],
  ['NST', [m(-210, 'Newfoundland Standard Time')]],
  ['NDT', [m(-150, 'Newfoundland Daylight Time')]],
  ['BRT', [m(-180, 'Brasília Time')]],
  ['ART', [m(-180, 'Argentina Time')]],
  ['CLT', [m(-240, 'Chile Standard Time')]],
  ['CLST', [m(-180, 'Chile Summer Time')]],
]);

const UNIVERSAL = new Set(['UTC', 'GMT', 'UT', 'Z']);

export type AbbreviationResolution =
  | {
      readonly ok: true;
      readonly instant: number;
      readonly offsetMinutes: number;
      /** How the abbreviation was checked. */
      readonly via: 'universal' | 'declared-zone' | 'epoch';
      readonly meaning: string;
    }
  | {
      readonly ok: false;
      readonly code: 'TIME_ABBREVIATION_UNRESOLVED' | 'TIME_ABBREVIATION_MISMATCH';
      readonly reason: string;
    };

export interface AbbreviationCheck {
  /** The analyst's declared IANA zone. */
  readonly zone?: string;
  /** An epoch value (ms) from the same record to cross-check against. */
  readonly epochMs?: number;
  /** Largest accepted difference from `epochMs`, seconds (default 300, at most 420). */
  readonly toleranceSeconds?: number;
}

/** `UTC+2`, `GMT-05:30`, `UTC+0530` → minutes; null when not that form. */
function explicitOffset(upper: string): number | null {
  if (!(upper.startsWith('UTC') || upper.startsWith('GMT'))) return null;
  const rest = upper.slice(3);
  if (rest.length < 2 || rest.length > 6) return null;
  const sign = rest[0] === '+' ? 1 : rest[0] === '-' ? -1 : 0;
  if (sign === 0) return null;
  const body = rest.slice(1);
  let h: string;
  let mm = '00';
  if (body.includes(':')) {
    const [a, b] = body.split(':');
    if (a === undefined || b === undefined) return null;
    h = a;
    mm = b;
  } else if (body.length <= 2) {
    h = body;
  } else {
    h = body.slice(0, body.length - 2);
    mm = body.slice(body.length - 2);
  }
  if (!/^\d{1,2}$/.test(h) || !/^\d{2}$/.test(mm)) return null;
  const hours = Number(h);
  const minutes = Number(mm);
  if (hours > 18 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** The meanings of an abbreviation (any case), or an empty list when it is unknown. */
export function abbreviationMeanings(abbreviation: string): readonly AbbreviationMeaning[] {
  const upper = abbreviation.trim().toUpperCase();
  const explicit = explicitOffset(upper);
  if (explicit !== null) return [m(explicit, `UTC offset ${upper.slice(3)}`)];
  return ZONE_ABBREVIATIONS.get(upper) ?? [];
}

/**
 * The instant of `wall` written with `abbreviation`, if the abbreviation is unambiguous for the
 * declared zone at that date or agrees with the epoch value. The epoch check wins when both are
 * given. Never throws.
 */
export function resolveAbbreviation(
  abbreviation: string,
  wall: WallTime,
  check: AbbreviationCheck = {},
): AbbreviationResolution {
  const upper = abbreviation.trim().toUpperCase();
  const meanings = abbreviationMeanings(upper);
  const local = wallToUtcMs(wall);
  if (meanings.length === 0) {
    return {
      ok: false,
      code: 'TIME_ABBREVIATION_UNRESOLVED',
      reason: `unknown zone abbreviation "${abbreviation}"`,
    };
  }
  const only = meanings[0];
  if (
    only !== undefined &&
    meanings.length === 1 &&
    (UNIVERSAL.has(upper) || explicitOffset(upper) !== null)
  ) {
    return {
      ok: true,
      instant: local - only.offsetMinutes * MS_PER_MINUTE,
      offsetMinutes: only.offsetMinutes,
      via: 'universal',
      meaning: only.label,
    };
  }
  if (check.epochMs !== undefined && Number.isFinite(check.epochMs)) {
    const tolerance = Math.min(Math.max(check.toleranceSeconds ?? 300, 0), 420) * 1000;
    let best: { meaning: AbbreviationMeaning; distance: number } | null = null;
    for (const meaning of meanings) {
      const distance = Math.abs(local - meaning.offsetMinutes * MS_PER_MINUTE - check.epochMs);
      if (distance <= tolerance && (best === null || distance < best.distance)) {
        best = { meaning, distance };
      }
    }
    if (best === null) {
      return {
        ok: false,
        code: 'TIME_ABBREVIATION_MISMATCH',
        reason: `"${abbreviation}" (${meanings.map((x) => x.label).join(' / ')}) does not agree with the epoch value in the record`,
      };
    }
    return {
      ok: true,
      instant: local - best.meaning.offsetMinutes * MS_PER_MINUTE,
      offsetMinutes: best.meaning.offsetMinutes,
      via: 'epoch',
      meaning: best.meaning.label,
    };
  }
  if (check.zone !== undefined) {
    const matches: AbbreviationMeaning[] = [];
    const declared = canonicalTimeZone(check.zone);
    for (const meaning of meanings) {
      if (
        meaning.zones !== undefined &&
        !meaning.zones.some((z) => canonicalTimeZone(z) === declared)
      ) {
        continue;
      }
      const instant = local - meaning.offsetMinutes * MS_PER_MINUTE;
      const actual = zoneOffsetAt(check.zone, instant);
      if (actual === null) {
        return {
          ok: false,
          code: 'TIME_ABBREVIATION_UNRESOLVED',
          reason: `"${check.zone}" is not a known IANA time zone`,
        };
      }
      if (
        actual === meaning.offsetMinutes * MS_PER_MINUTE &&
        !matches.some((x) => x.offsetMinutes === meaning.offsetMinutes)
      ) {
        matches.push(meaning);
      }
    }
    const match = matches[0];
    if (match === undefined || matches.length > 1) {
      return {
        ok: false,
        code: 'TIME_ABBREVIATION_MISMATCH',
        reason: `"${abbreviation}" is not the abbreviation of ${check.zone} at that date`,
      };
    }
    return {
      ok: true,
      instant: local - match.offsetMinutes * MS_PER_MINUTE,
      offsetMinutes: match.offsetMinutes,
      via: 'declared-zone',
      meaning: match.label,
    };
  }
  return {
    ok: false,
    code: 'TIME_ABBREVIATION_UNRESOLVED',
    reason: `zone abbreviation "${abbreviation}" needs a declared zone (--assume-zone) or an epoch value to check it`,
  };
}
