// The one clock of the app: the business day and every time a user sees are China time
// (UTC+8, no daylight saving), whatever the host's time zone. Pure: callers pass the instant in.
// Never use Date's local getters (getHours, getDate, toLocale…) for business dates.

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

function p(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The calendar fields of an instant as read on a clock in China. */
export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function chinaParts(at: Date): ChinaParts {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** "YYYY-MM-DD HH:mm:ss" in China time (receipts, lists, the interface's inf_time). */
export function chinaDateTime(at: Date): string {
  const c = chinaParts(at);
  return `${c.year}-${p(c.month)}-${p(c.day)} ${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
}

/** "YYYY-MM-DD": the business day of an instant. */
export function chinaDate(at: Date): string {
  return chinaDateTime(at).slice(0, 10);
}

/** "HH:mm:ss" in China time. */
export function chinaTimeOfDay(at: Date): string {
  return chinaDateTime(at).slice(11);
}

/** "yyyyMMddHHmmss" in China time (msgids, file stamps). */
export function chinaStamp(at: Date): string {
  return chinaDateTime(at).replace(/[-: ]/g, '');
}

/** The hour (0-23) on a clock in China. */
export function chinaHour(at: Date): number {
  return chinaParts(at).hour;
}

/** The year on a clock in China. */
export function chinaYear(at: Date): number {
  return chinaParts(at).year;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Whether "YYYY-MM-DD" names a real calendar day. */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
}

/** The instant a China-time wall clock reading names ("YYYY-MM-DD HH:mm[:ss]" or a date). */
export function fromChina(s: string): Date {
  const d = DATE_RE.exec(s);
  const m = d ? [s, d[1], d[2], d[3], '00', '00', '00'] : DATE_TIME_RE.exec(s);
  if (!m) throw new Error(`not a China-time date or date-time: ${JSON.stringify(s)}`);
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  return new Date(utc - CHINA_OFFSET_MS);
}

/** The first instant of a China business day, and the first instant of the next one. */
export function chinaDayBounds(date: string): { start: Date; end: Date } {
  if (!isCalendarDate(date)) throw new Error(`not a calendar date: ${JSON.stringify(date)}`);
  const start = fromChina(date);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** A "YYYY-MM-DD" date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: ${JSON.stringify(date)}`);
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) + days * DAY_MS);
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
}

/** Whole years of age on the China business day of `at`, for a birth date "YYYY-MM-DD". */
export function ageOn(birth: string, at: Date): number {
  const m = DATE_RE.exec(birth);
  if (!m) throw new Error(`not a date: ${JSON.stringify(birth)}`);
  const c = chinaParts(at);
  let age = c.year - +m[1];
  if (c.month < +m[2] || (c.month === +m[2] && c.day < +m[3])) age--;
  return age;
}

/**
 * Instants stored as ISO strings (UTC, `toISOString`) that fall in a range of China business days,
 * as query bounds: from the first instant of `from` (inclusive) to the first instant after `to`
 * (exclusive). Either end may be open.
 */
export function chinaDaysAsIsoBounds(from?: string, to?: string): { start?: string; end?: string } {
  return {
    start: from ? chinaDayBounds(from).start.toISOString() : undefined,
    end: to ? chinaDayBounds(to).end.toISOString() : undefined,
  };
}
