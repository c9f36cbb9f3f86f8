// Personal data is masked on lists, receipts and logs except where the user must see it whole.

/** ID number: first 6 and last 4 digits kept, e.g. 370302********1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id.replace(/.(?=.{2})/g, '*');
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Name: the first character kept, e.g. 张** (a one-character name is shown as *). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Card numbers and other long identifiers: first 4 and last 4 kept. */
export function maskNumber(value: string): string {
  if (value.length <= 8) return value.replace(/.(?=.{2})/g, '*');
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

// 18-character resident ID numbers (and 15-digit legacy ones) are masked wherever they appear.
const ID_NUMBER = /\b(\d{17}[\dXx]|\d{15})\b/g;

/** Free text (a log line, a network message) with every ID number in it masked. */
export function maskLogText(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m));
}
