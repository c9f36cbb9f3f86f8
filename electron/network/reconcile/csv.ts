// CSV export (UTF-8 with BOM so that spreadsheet programs open Chinese text correctly).
// A text cell that begins with = + - @ (or a tab or carriage return) would be run as a formula
// by a spreadsheet (a patient name or a reason typed as "=HYPERLINK(...)"): it gets a leading
// apostrophe, which spreadsheets show as text. Plain numbers ("-3.00", a refund) stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
