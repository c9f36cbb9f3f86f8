// Receipt numbers: "R" + terminal number (2 digits) + China date (YYYYMMDD) + daily sequence (4
// digits), e.g. R01202006150001. Unique per window and day; safe as a file name and in a URL.

const RECEIPT_NO = /^[A-Z][A-Z0-9-]{3,39}$/;

export function receiptNumber(terminalNo: string, chinaDay: string, seq: number): string {
  if (!/^\d{2}$/.test(terminalNo)) throw new Error(`terminal number must be two digits: ${terminalNo}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(chinaDay)) throw new Error(`day must be YYYY-MM-DD: ${chinaDay}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 9999) throw new Error(`sequence out of range: ${seq}`);
  return `R${terminalNo}${chinaDay.replace(/-/g, '')}${String(seq).padStart(4, '0')}`;
}

/** True for a receipt number this program could have made (also the guard for file paths and URLs). */
export function isReceiptNo(s: unknown): s is string {
  return typeof s === 'string' && RECEIPT_NO.test(s);
}
