import { Lunar, Solar } from 'lunar-typescript';
import { DateTime } from 'luxon';

/**
 * Mainland China's public holidays of a year computed from the statutory
 * rules, for a year whose official calendar (the State Council's yearly
 * notice, published around November of the year before) is not known yet.
 *
 * The rules are those of the Regulation on Public Holidays for National
 * Festivals and Memorial Days (全国年节及纪念日放假办法) as amended in November
 * 2024, in force since 1 January 2025. Days off for all citizens (Article 2):
 * New Year's Day, 1 January (1 day); the Spring Festival, New Year's Eve and
 * the 1st to 3rd of the first lunar month (4 days); Qingming, the day of the
 * Qingming solar term (1 day); Labour Day, 1-2 May (2 days); the Dragon Boat
 * Festival, the 5th of the 5th lunar month (1 day); the Mid-Autumn Festival,
 * the 15th of the 8th lunar month (1 day); National Day, 1-3 October (3 days).
 * Article 6: such a day that falls on a Saturday or Sunday is made up on a
 * working day; the real notices do so on the weekdays right after the
 * holiday, and so does this, as it does for a day two holidays share (the
 * Mid-Autumn Festival on a National Day).
 *
 * What it cannot know: the notice's adjusted working days (a Saturday or
 * Sunday worked to make a long holiday) and the days off they pay for. A
 * provisional year therefore has no weekend worked and at most the days off
 * the official notice will give; it is marked provisional wherever it is used.
 * The lunar dates and the solar term come from lunar-typescript.
 */
export interface ProvisionalDay {
  date: string;
  name: string;
}

/** The first year under the rules above; earlier years had other rules, and their notices are history. */
export const FIRST_RULES_YEAR = 2025;
const LAST_YEAR = 2200;

const NEW_YEAR = "New Year's Day (元旦)";
const SPRING_FESTIVAL = 'Spring Festival (春节)';
const QINGMING = 'Qingming Festival (清明节)';
const LABOUR_DAY = 'Labour Day (劳动节)';
const DRAGON_BOAT = 'Dragon Boat Festival (端午节)';
const MID_AUTUMN = 'Mid-Autumn Festival (中秋节)';
const NATIONAL_DAY = 'National Day (国庆节)';

/** The statutory days off of a year, in date order (two holidays may share a date). */
export function statutoryHolidaysCN(year: number): ProvisionalDay[] {
  const lunarNewYear = Lunar.fromYmd(year, 1, 1);
  const days: ProvisionalDay[] = [
    { date: `${year}-01-01`, name: NEW_YEAR },
    // New Year's Eve is the last day of the twelfth lunar month, 29 or 30 days long: the day before the first.
    { date: lunarNewYear.next(-1).getSolar().toYmd(), name: SPRING_FESTIVAL },
    ...[0, 1, 2].map((offset) => ({ date: lunarNewYear.next(offset).getSolar().toYmd(), name: SPRING_FESTIVAL })),
    // mid-April is after every lunar new year, so this lunar year's table holds this April's solar term
    { date: Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()['清明'].toYmd(), name: QINGMING },
    { date: `${year}-05-01`, name: LABOUR_DAY },
    { date: `${year}-05-02`, name: LABOUR_DAY },
    { date: Lunar.fromYmd(year, 5, 5).getSolar().toYmd(), name: DRAGON_BOAT },
    { date: Lunar.fromYmd(year, 8, 15).getSolar().toYmd(), name: MID_AUTUMN },
    { date: `${year}-10-01`, name: NATIONAL_DAY },
    { date: `${year}-10-02`, name: NATIONAL_DAY },
    { date: `${year}-10-03`, name: NATIONAL_DAY },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The provisional holidays of a year: the statutory days, and a weekday off
 * for each of them that falls on a weekend or on a date already off. Null
 * before the rules took effect and for years beyond any use.
 */
export function provisionalHolidaysCN(year: number): Map<string, string> | null {
  if (!Number.isInteger(year) || year < FIRST_RULES_YEAR || year > LAST_YEAR) return null;
  const off = new Map<string, string>();
  const owed: ProvisionalDay[] = [];
  for (const day of statutoryHolidaysCN(year)) {
    if (off.has(day.date) || isWeekend(day.date)) owed.push(day);
    if (!off.has(day.date)) off.set(day.date, day.name);
  }
  for (const day of owed) {
    let date = nextDay(day.date);
    while (off.has(date) || isWeekend(date)) date = nextDay(date);
    off.set(date, `${day.name}, in lieu of ${day.date} (补休)`);
  }
  return new Map([...off.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

const cache = new Map<number, Map<string, string> | null>();

/** The same, computed once per process: a year's rules never change. */
export function cachedProvisionalHolidaysCN(year: number): Map<string, string> | null {
  if (!cache.has(year)) cache.set(year, provisionalHolidaysCN(year));
  return cache.get(year)!;
}

function isWeekend(date: string): boolean {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday >= 6;
}

function nextDay(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
}
