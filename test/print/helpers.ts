// Shared by the print tests: the shared settlement cases, temp dirs, and poppler tools.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { receiptFromCaseFile } from '../../electron/print/case-receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';
import type { ReceiptData } from '../../electron/core/receipt';

const ROOT = path.resolve(__dirname, '..', '..');

/** The shared cases: the project's copies in test/cases, else ../shared/cases. */
export function caseFiles(): string[] {
  for (const dir of [path.join(ROOT, 'test', 'cases'), path.join(ROOT, '..', 'shared', 'cases')]) {
    if (fs.existsSync(dir)) {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
      if (files.length) return files;
    }
  }
  throw new Error('no shared cases found');
}

export function caseReceipt(file: string, opts: { offline?: boolean; payment?: { method: string; reference?: string } } = {}): ReceiptData {
  const r = receiptFromCaseFile(file, { sign: hmacSigner(DEMO_CHECK_KEY), offline: opts.offline, payment: opts.payment });
  if (!r.ok) throw new Error(`${file}: ${r.error.detail ?? r.error.message}`);
  return r.value;
}

/** The township inpatient case with every charge category, offline, and `warnings` notes: a long sheet. */
export function longReceipt(warnings: number): ReceiptData {
  const r = caseReceipt(caseFiles().find((f) => f.includes('township-inpatient'))!, { offline: true });
  const categories = Array.from({ length: 14 }, (_, i) => ({ code: String(i + 1).padStart(2, '0'), name: `收费类别${i + 1}`, total: '100.00', classA: '60.00', classB: '30.00', classC: '10.00' }));
  const notes = Array.from({ length: warnings }, (_, i) => `第 ${i + 1} 条提示：本次结算的某项费用按政策规定由个人先行自付，请向患者说明原因并妥善保存本结算单。`);
  return { ...r, categories, classTotals: { classA: '840.00', classB: '420.00', classC: '140.00' }, warnings: notes };
}

export function tempDir(prefix = 'print-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** Renders page 1 to PNG under test-results/receipts/<name>.png (for people to look at). */
export function savePng(pdf: string, name: string): string {
  const dir = path.join(ROOT, 'test-results', 'receipts');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, name);
  execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', pdf, base]);
  return `${base}.png`;
}

/** pdftotext's layout can put runs of spaces anywhere; compare with whitespace removed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
