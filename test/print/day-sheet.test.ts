// The operator's day sheet (日结单): its own A4 page with the day's figures, the cash to hand in
// in capital numerals, every settlement masked, and signature lines (real Chromium, pdfinfo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ChromiumPdfRenderer } from '../../electron/print/pdf-chromium';
import { renderDaySheetHtml, type DaySheetInput } from '../../electron/print/day-sheet';
import { pdfPages, pdfText, savePng, squash, tempDir } from './helpers';

let renderer: ChromiumPdfRenderer;
let dir: string;
beforeAll(() => {
  renderer = new ChromiumPdfRenderer();
  dir = tempDir('day-sheet-');
});
afterAll(async () => renderer.close());

function day(): DaySheetInput {
  const row = (i: number, cancelled = false) => ({
    settlementId: `S${i}`, receiptNo: `R0120200615000${i}`, at: `2020-06-15T0${i}:05:00.000Z`, nameMasked: '张**', idMasked: '370303********0316',
    visitTypeName: '住院', total: '1537.16', cashDue: '30.39', state: '已确认', cancelled, cardFree: i === 2,
  });
  return {
    institution: { name: '淄博市张店区中埠镇卫生院', code: 'H37030300123' },
    summary: {
      date: '2020-06-15', operatorId: 'c01', operatorName: '李收款', count: 3, cancelledCount: 1, cardFreeCount: 1, queuedCount: 0, total: '4611.48',
      layers: [{ key: 'basic', name: '基本医保统筹', amount: '3040.74' }, { key: 'assistance', name: '医疗救助（贫困人口）', amount: '585.63' }],
      account: '0.00', cash: '60.78', mobile: [{ method: 'wechat', amount: '30.39' }], cashToHandIn: '60.78', byHour: [],
    },
    rows: [row(1), row(2), row(3, true)],
    printedAt: new Date('2020-06-15T09:30:00Z'),
  };
}

describe('the day sheet', () => {
  it('says the day, the cash to hand in (大写), each method, and lists every settlement masked', () => {
    const html = renderDaySheetHtml(day());
    expect(html).toContain('收费员日结单');
    expect(html).toContain('size: A4');
    expect(html).toContain('陆拾元柒角捌分');
    expect(html).toContain('微信支付');
    expect(html).toContain('打印时间：</span>2020-06-15 17:30:00'); // China time
    expect(html).toContain('<tr class="cancelled">');
    expect(html).not.toContain('370303195803120316');
    expect(html).toContain('收款员签字');
  });

  it('prints on one A4 page', async () => {
    const pdf = path.join(dir, 'day.pdf');
    fs.writeFileSync(pdf, await renderer.pdf(renderDaySheetHtml(day()), 'A4'));
    expect(pdfPages(pdf)).toBe(1);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    const text = squash(pdfText(pdf));
    expect(text).toContain('应交现金');
    expect(text).toContain('60.78元');
    expect(text).toContain('R01202006150003');
    savePng(pdf, 'day-sheet');
  }, 120_000);
});
