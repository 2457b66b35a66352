/**
 * Calendar dates of the planning cycle (SPEC section 6): ISO `YYYY-MM-DD`
 * strings in China Standard Time (UTC+8, no daylight saving).
 */

/** China Standard Time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** True for a real calendar date written `YYYY-MM-DD` (years 0001-9999): 2024-02-29 yes, 2025-02-30 no. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The calendar date in China Standard Time of an instant, e.g. 2025-12-31T16:30Z -> "2026-01-01". */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Calendar year of an ISO date. */
export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
