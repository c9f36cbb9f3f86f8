// China time (UTC+8, no daylight saving) for receipts, computed without the host's time zone.

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function p(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** "YYYY-MM-DD HH:mm:ss" in China time. */
export function chinaDateTime(date: Date): string {
  const t = new Date(date.getTime() + CHINA_OFFSET_MS);
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** "YYYY-MM-DD" in China time. */
export function chinaDate(date: Date): string {
  return chinaDateTime(date).slice(0, 10);
}
