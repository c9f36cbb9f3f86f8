// The PDF archive in the data dir: receipts/YYYY/MM/<receiptNo>.pdf for the original sheet and
// <receiptNo>-R<N>.pdf for reprint N. Written whole or not at all (every write checked, fsync,
// rename); a file that is not a whole PDF (one left by an older build on a full disk) counts as
// not archived, is never served, and is rendered again.
import fs from 'node:fs';
import path from 'node:path';
import { isReceiptNo } from '../core/receipt';
import { writeFileAtomic, type WriteFn } from '../store/files';

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

export function writeAtomically(file: string, bytes: Buffer, write?: WriteFn): void {
  writeFileAtomic(file, bytes, { mode: 0o600, write });
}

/** A whole PDF: starts with %PDF- and ends with %%EOF (within the last kilobyte). */
export function isCompletePdf(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 16) return false;
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    const tailLen = Math.min(1024, size);
    const tail = Buffer.alloc(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    return head.toString('latin1') === '%PDF-' && tail.toString('latin1').includes('%%EOF');
  } finally {
    fs.closeSync(fd);
  }
}
