// When the PDF cannot be rendered (Chromium missing or crashed), the receipt is still stored and
// findable, the settlement flow goes on, thermal printing still works, and the PDF is made at the
// next print once rendering works again.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/store/db';
import { SettingsRepo } from '../../electron/store/settings';
import { createReceiptsService } from '../../electron/print/service';
import { writeSetup, DEFAULT_SETUP } from '../../electron/print/setup';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';
import type { PdfRenderer } from '../../electron/print/pdf';
import { caseFiles, caseReceipt, tempDir } from './helpers';
import { parseEscPos } from './escpos-parse';

describe('PDF rendering failure', () => {
  it('stores the receipt, reports it, and archives it at the next print', async () => {
    const dataDir = tempDir('receipts-fail-');
    const db = openDatabase(path.join(dataDir, 'settle.db'));
    const settings = new SettingsRepo(db);
    let broken = true;
    const pdf: PdfRenderer = {
      pdf: async () => {
        if (broken) throw new Error('Chromium crashed');
        return Buffer.from('%PDF-1.7 stand-in\n%%EOF\n');
      },
      close: async () => undefined,
    };
    const errors: string[] = [];
    const receipts = createReceiptsService({
      db, dataDir, settings, now: () => new Date(), sign: hmacSigner(DEMO_CHECK_KEY), pdf,
      log: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    const r = caseReceipt(caseFiles()[0]);
    const a = await receipts.archive(r);
    expect(a.archived).toBe(false);
    expect(errors.join()).toContain('Chromium crashed');
    expect(receipts.search({ receiptNo: r.receiptNo })).toHaveLength(1);
    expect(receipts.pdfPath(r.receiptNo)).toBeUndefined();

    const browser = await receipts.print(r.receiptNo);
    expect(browser).toMatchObject({ ok: false, target: 'browser', pdfPath: '' });

    const out = path.join(dataDir, 'lp0');
    writeSetup(settings, { ...DEFAULT_SETUP, paper: 'escpos58', thermalKind: 'file', thermalPath: out });
    const thermal = await receipts.print(r.receiptNo);
    expect(thermal).toMatchObject({ ok: true, target: 'thermal' });
    expect(parseEscPos(fs.readFileSync(out)).pop()!.op).toBe('cut');

    broken = false;
    writeSetup(settings, DEFAULT_SETUP);
    const again = await receipts.archive(r);
    expect(again.archived).toBe(true);
    expect(fs.readFileSync(receipts.pdfPath(r.receiptNo)!).toString()).toContain('%PDF');
    db.close();
  });
});

describe('offline receipt confirmed by the settle area', () => {
  it('asks at print time and prints the confirmation once the network has confirmed', async () => {
    const dataDir = tempDir('receipts-confirm-');
    const db = openDatabase(path.join(dataDir, 'settle.db'));
    const settings = new SettingsRepo(db);
    let confirmedAt: Date | undefined;
    const asked: string[] = [];
    const receipts = createReceiptsService({
      db, dataDir, settings, now: () => new Date(), sign: hmacSigner(DEMO_CHECK_KEY),
      pdf: { pdf: async (html) => Buffer.from(html), close: async () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      confirmation: (id) => (asked.push(id), confirmedAt),
    });
    const r = caseReceipt(caseFiles()[0], { offline: true });
    await receipts.archive(r);
    const p0 = await receipts.print(r.receiptNo);
    expect(fs.readFileSync(p0.pdfPath, 'utf8')).toContain('脱机结算，待医保中心确认');
    confirmedAt = new Date('2020-06-15T04:05:06Z');
    const p1 = await receipts.print(r.receiptNo);
    expect(fs.readFileSync(p1.pdfPath, 'utf8')).toContain('脱机结算，已于 2020-06-15 12:05:06 经医保中心确认');
    expect(asked).toEqual([r.settlementId, r.settlementId]);
    await receipts.print(r.receiptNo);
    expect(asked).toHaveLength(2); // marked once, never asked again
    db.close();
  });
});
