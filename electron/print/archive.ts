// The PDF archive in the data dir: receipts/YYYY/MM/<receiptNo>.pdf for the original sheet and
// <receiptNo>-R<N>.pdf for reprint N. Written atomically (temporary file, fsync, rename).
import fs from 'node:fs';
import path from 'node:path';
import { isReceiptNo } from '../core/receipt';

export function archiveFileName(receiptNo: string, reprintNo = 0): string {
  if (!isReceiptNo(receiptNo)) throw new Error(`not a receipt number: ${receiptNo}`);
  return reprintNo > 0 ? `${receiptNo}-R${reprintNo}.pdf` : `${receiptNo}.pdf`;
}

/** Path relative to the data dir (stored in SQLite so a moved data dir still finds its PDFs). */
export function archiveRelPath(settledAt: string, receiptNo: string, reprintNo = 0): string {
  const m = /^(\d{4})-(\d{2})/.exec(settledAt);
  const [yyyy, mm] = m ? [m[1], m[2]] : ['0000', '00'];
  return path.join('receipts', yyyy, mm, archiveFileName(receiptNo, reprintNo));
}

export function absoluteArchivePath(dataDir: string, rel: string): string {
  const abs = path.resolve(dataDir, rel);
  if (!abs.startsWith(path.resolve(dataDir, 'receipts') + path.sep)) throw new Error(`archive path outside receipts/: ${rel}`);
  return abs;
}

export function writeAtomically(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
