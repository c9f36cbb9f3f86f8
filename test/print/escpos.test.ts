// The thermal receipt's bytes: GB18030 text, no line wider than the paper, the printer's QR code
// with the settlement id and check value, the marks (offline, reprint, reversal), a cut at the end.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import iconv from 'iconv-lite';
import { renderReceiptEscPos, COLUMNS, type ThermalPaper } from '../../electron/print/escpos/receipt';
import { EscPosEncoder } from '../../electron/print/escpos/encoder';
import { textWidth, twoColumns, wrap } from '../../electron/print/escpos/width';
import { buildReversalReceipt } from '../../electron/core/receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../../electron/print/check';
import { caseFiles, caseReceipt, squash } from './helpers';
import { lines, parseEscPos } from './escpos-parse';
import { DEMO_PERSONS } from '../../electron/demo/persons';

const PAPERS: ThermalPaper[] = ['escpos58', 'escpos80'];

describe('ESC/POS encoder', () => {
  it('emits the documented command bytes', () => {
    const b = new EscPosEncoder().init().align('center').bold(true).doubleHeight(true).line('医保').feed(2).qr('AB', 6).cut(3).bytes();
    const hex = b.toString('hex');
    expect(hex.startsWith('1b401c26' + '1b6101' + '1b4501' + '1b2110')).toBe(true);
    expect(hex).toContain(iconv.encode('医保', 'gb18030').toString('hex') + '0a');
    expect(hex).toContain('1b6402');
    expect(hex).toContain('1d286b040031413200'); // QR model 2
    expect(hex).toContain('1d286b030031430' + '6'); // module size 6
    expect(hex).toContain('1d286b0300314531'); // error correction M
    expect(hex).toContain('1d286b0500315030' + Buffer.from('AB').toString('hex')); // store: pL = 2 + 3
    expect(hex).toContain('1d286b0300315130'); // print
    expect(hex.endsWith('1d564103')).toBe(true);
  });

  it('refuses control characters in text and non-ASCII QR data', () => {
    expect(() => new EscPosEncoder().line('a\x1bb')).toThrow();
    expect(() => new EscPosEncoder().qr('医', 4)).toThrow();
  });

  it('counts a Chinese character as two columns when wrapping', () => {
    expect(textWidth('医保ab')).toBe(6);
    expect(wrap('一二三四五', 4)).toEqual(['一二', '三四', '五']);
    expect(twoColumns('个人现金支付', '92.55', 20)).toEqual(['个人现金支付   92.55']);
    for (const l of twoColumns('重特大疾病再救助（第六重保障）', '20000.00', 32)) expect(textWidth(l)).toBeLessThanOrEqual(32);
    for (const l of twoColumns('', '甲123456.00 乙123456.00 丙123456.00', 32)) expect(textWidth(l)).toBeLessThanOrEqual(32);
  });
});

describe('thermal receipt of every shared case', () => {
  for (const file of caseFiles()) {
    for (const paper of PAPERS) {
      it(`${path.basename(file)} on ${paper}`, () => {
        const r = caseReceipt(file, { offline: true });
        const bytes = renderReceiptEscPos(r, { paper, reprintNo: 2 });
        const ops = parseEscPos(bytes);
        expect(ops[0]).toEqual({ op: 'init' });
        expect(ops[ops.length - 1].op).toBe('cut');
        const text = lines(ops);
        for (const l of text) expect(textWidth(l), `line too wide: ${l}`).toBeLessThanOrEqual(COLUMNS[paper]);
        // GB18030 on the wire: the bytes of each line decode back and re-encode identically.
        for (const op of ops) if (op.op === 'line') expect(iconv.encode(op.text, 'gb18030').equals(op.bytes)).toBe(true);
        const all = squash(text.join('\n'));
        for (const l of r.layers) {
          expect(all).toContain(squash(l.name));
          expect(all).toContain(l.amount);
        }
        expect(all).toContain(r.capital.total);
        expect(all).toContain(r.capital.cashPaid);
        expect(all).toContain('脱机结算，待医保中心确认');
        expect(all).toContain('重打2');
        expect(all).toContain(r.patient.idMasked);
        const full = DEMO_PERSONS.find((p) => p.idNumber.slice(-4) === r.patient.idMasked.slice(-4))!.idNumber;
        expect(all).not.toContain(full); // never the whole ID number
        const store = ops.find((o) => o.op === 'qrStore');
        expect(store && store.op === 'qrStore' && store.data).toBe(r.qr.text);
        expect(ops.findIndex((o) => o.op === 'qrPrint')).toBeGreaterThan(ops.findIndex((o) => o.op === 'qrStore'));
      });
    }
  }

  it('marks a reversal and leaves unmarked an original online sheet', () => {
    const r = caseReceipt(caseFiles()[0]);
    const plain = squash(lines(parseEscPos(renderReceiptEscPos(r, { paper: 'escpos58' }))).join(''));
    expect(plain).not.toContain('重打');
    expect(plain).not.toContain('脱机');
    const rev = buildReversalReceipt(r, { settlementId: 'X-C', receiptNo: 'R01202006150099', settledAt: '2020-06-16 09:00:00', operatorName: '甲', offline: false }, hmacSigner(DEMO_CHECK_KEY));
    const revText = squash(lines(parseEscPos(renderReceiptEscPos(rev, { paper: 'escpos80' }))).join(''));
    expect(revText).toContain('结算已撤销');
    expect(revText).toContain(`-${r.cashPaid}`);
    expect(revText).toContain(r.receiptNo);
  });
});
