// The window's clock in the UI: China time (UTC+8), as the services keep it, whatever this PC's
// time zone or clock says. The renderer may not import electron/core, so this mirrors
// electron/core/time.ts (test/core/time.test.ts checks the two agree), and "now" is the services'
// now (app.info), not the browser's.
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
let skewMs = 0;

/** Called once at start with the services' clock (app.info.now). */
export function syncClock(servicesNowIso: string): void {
  const t = Date.parse(servicesNowIso);
  if (Number.isFinite(t)) skewMs = t - Date.now();
}

/** The services' current instant. */
export function servicesNow(): Date {
  return new Date(Date.now() + skewMs);
}

const p = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm:ss" in China time: the same text a receipt prints. */
export function chinaDateTime(at: Date): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** The business day (China time) `offsetDays` from today's. */
export function businessDate(offsetDays = 0): string {
  return chinaDateTime(new Date(servicesNow().getTime() + offsetDays * 86_400_000)).slice(0, 10);
}
