// The start's recovery checks what came since the last start that made everything good (078), not
// every document and receipt file of the years stored: a crash leaves its marks at the end.
import { describe, expect, it } from 'vitest';
import { cash, identify, ok, visitOf, windowTestApp, type WindowTestApp } from './helpers';

const checked = (w: WindowTestApp) =>
  JSON.parse((w.app.ctx.db.prepare("SELECT value FROM store_meta WHERE key = 'recovery_checked'").get() as { value: string }).value) as { docKey: number; receiptRowid: number };

describe('recovery mark', () => {
  it('moves up after a start that made everything good; a later start checks only what came since', async () => {
    let w = await windowTestApp({ tag: 'RM' });
    const settle = async (key: string) => {
      const p = await identify(w.c01, key);
      const v = await visitOf(w.c01, p.ticket, 'outpatient');
      const pre = ok(await w.c01('window.preSettle', { ticket: p.ticket, visitId: v.visitId }));
      return ok(await w.c01('window.settle', cash(pre, p.ticket)));
    };
    const a = await settle('ordinary');
    const dataDir = w.dataDir;
    await w.app.close();

    w = await windowTestApp({ dataDir });
    expect(await w.app.services.recovery).toMatchObject({ receipts: 0, pdfs: 0, failed: 0 });
    const docKeyOf = (id: string) => (w.app.ctx.db.prepare('SELECT doc_key AS k FROM settlements WHERE id = ?').get(id) as { k: number }).k;
    expect(checked(w).docKey).toBe(docKeyOf(a.settlementId));
    const b = await settle('employee');
    // As a crash leaves it: b's receipt never stored. And a's receipt gone since (below the mark).
    w.app.ctx.db.prepare('DELETE FROM receipts WHERE receipt_no IN (?, ?)').run(a.receiptNo, b.receiptNo);
    await w.app.close();

    w = await windowTestApp({ dataDir });
    expect(await w.app.services.recovery).toMatchObject({ receipts: 1, failed: 0 });
    const stored = (no: string) => !!w.app.ctx.db.prepare('SELECT 1 FROM receipts WHERE receipt_no = ?').get(no);
    expect(stored(b.receiptNo)).toBe(true);
    expect(stored(a.receiptNo)).toBe(false);
    expect(checked(w).docKey).toBe(docKeyOf(b.settlementId));
    await w.app.close();
  }, 180_000);
});
