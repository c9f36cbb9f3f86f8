// The start after a crash makes good what follows a committed settlement: a settlement without its
// receipt gets one, a receipt whose PDF was never written gets it, and a HIS visit that an earlier
// version left waiting although its settlement was committed is marked settled.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecoveryReport } from '../../electron/window/recovery';
import { cash, identify, ok, visitOf, windowTestApp } from './helpers';

describe('recovery at start', () => {
  it('issues the missing receipt and PDF and settles the HIS visit left waiting', async () => {
    let w = await windowTestApp({ tag: 'R' });
    const settle = async (key: string, type: string) => {
      const p = await identify(w.c01, key);
      const v = await visitOf(w.c01, p.ticket, type);
      const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
      return { ...ok(await w.c01('window.settle', cash(pre, p.ticket))), visitId: v.visitId as string };
    };
    const a = await settle('ordinary', 'outpatient');
    const b = await settle('employee', 'outpatient');
    const c = await settle('destitute', 'outpatient');
    const db = w.app.ctx.db;
    const pdfOf = (receiptNo: string) =>
      path.join(w.dataDir, (w.app.ctx.db.prepare('SELECT pdf_path FROM receipts WHERE receipt_no = ?').get(receiptNo) as { pdf_path: string }).pdf_path);
    // As a kill -9 leaves them: a's receipt never stored, b's PDF never written, c's HIS visit still waiting (an earlier version).
    const bPdf = pdfOf(b.receiptNo);
    fs.rmSync(pdfOf(a.receiptNo));
    db.prepare('DELETE FROM receipts WHERE receipt_no = ?').run(a.receiptNo);
    fs.rmSync(bPdf);
    db.prepare("UPDATE his_visits SET state = 'pre-settled', result = NULL WHERE his_visit_id = ?").run(c.visitId);
    const dataDir = w.dataDir;
    await w.app.close();

    w = await windowTestApp({ dataDir });
    const report = await w.app.services.recovery;
    expect(report).toMatchObject({ receipts: 1, pdfs: 1, hisSettled: 1, failed: 0 });
    const pdf = (p: string) => fs.readFileSync(p).subarray(0, 5).toString();
    expect(pdf(pdfOf(a.receiptNo))).toBe('%PDF-');
    expect(pdf(bPdf)).toBe('%PDF-');
    expect(w.bridge.service.get(c.visitId)).toMatchObject({ state: 'settled', settlement: { settlementId: c.settlementId, receiptNo: c.receiptNo } });
    // Nothing to do at the next start.
    await w.app.close();
    w = await windowTestApp({ dataDir });
    expect(await w.app.services.recovery).toEqual({ receipts: 0, pdfs: 0, hisSettled: 0, hisCancelled: 0, failed: 0 });
    await w.app.close();
  }, 120_000);
});
