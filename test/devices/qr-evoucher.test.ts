// QR scanner (CDC) over a pty, the e-voucher decode step, and the vendor-DLL output line.
import { describe, expect, it } from 'vitest';
import { SimulatedEVoucherDecoder, parseEcQueryOutput } from '../../native/evoucher/decoder';
import { QrScanner } from '../../native/qr/scanner';
import { demoPerson, voucherPersons } from '../../electron/devices/demo-cards';
import { formatVendorDllLine, parseVendorDllLine, readSsCardViaDll } from '../../native/vendor/dll-output';
import { arrival, serveQr } from './helpers';

const ctx = { orgId: 'H37030300123', businessType: '01301' };

describe('QR scanner over a pty', () => {
  it('delivers CR/LF-terminated scans, drops garbage and stale scans', async () => {
    const served = await serveQr();
    const host = await served.host();
    const scanner = new QrScanner(host);
    const old = arrival(host, 'OLD-CODE\r\n'.length);
    await served.sim.scan('OLD-CODE');
    await old;
    scanner.discardPending();
    const next = scanner.nextScan(2000);
    await served.sim.raw(Buffer.from([0x00, 0xff, 0xfe, 0x0d]));
    await served.sim.raw(Buffer.from('ECQR0002', 'utf8'));
    await served.sim.raw(Buffer.from('370303B4E1D0C7A9F2\n', 'utf8'));
    expect(await next).toBe('ECQR0002370303B4E1D0C7A9F2');
    await expect(scanner.nextScan(100)).rejects.toMatchObject({ code: 'SCAN_TIMEOUT' });
  });
});

describe('e-voucher decode (simulated service)', () => {
  it('turns a code into a fresh 40-character ecToken and person fields', async () => {
    const decoder = new SimulatedEVoucherDecoder(voucherPersons());
    const p = demoPerson('employee');
    const a = await decoder.decode(p.eVoucherCode, ctx);
    const b = await decoder.decode(p.eVoucherCode, ctx);
    expect(a.ecToken).toMatch(/^[0-9A-F]{40}$/);
    expect(a.ecToken).not.toBe(b.ecToken);
    expect(a).toMatchObject({ idNo: p.idNumber, userName: p.name, idType: '01', gender: '2' });
    await expect(decoder.decode('NOT-A-CODE', ctx)).rejects.toMatchObject({ code: 'EVOUCHER_INVALID' });
    expect(() => parseEcQueryOutput('<html>')).toThrow();
  });
});

describe('vendor DLL output line', () => {
  it('parses the published samples, keeping empty fields', () => {
    const one = parseVendorDllLine('639900|l111111198101011110|X00000019|639900D15600000500BF7C7A48FB4966|张三|00814E43238697159900BF7C7A|1.00|20101001');
    expect(one).toMatchObject({ region: '639900', cardNumber: 'X00000019', cardId: '639900D15600000500BF7C7A48FB4966', name: '张三', specVersion: '1.00', issueDate: '2010-10-01', expiryDate: '' });
    const two = parseVendorDllLine('411600|||411600D156000005C38275EEFC9B9648||008C544CB386844116018593CA|3.00|20211203|20311202|');
    expect(two).toMatchObject({ ssn: '', name: '', cardId: '411600D156000005C38275EEFC9B9648', expiryDate: '2031-12-02' });
    expect(() => parseVendorDllLine('too|short')).toThrow();
  });

  it('gives the same record as the card read, through a DLL binding', async () => {
    const p = demoPerson('poor');
    const expected = {
      cardId: p.card.cardId, cardNumber: p.card.cardNumber, ssn: p.idNumber, name: p.name, gender: p.gender,
      nation: '', birthDate: p.birthDate, issueDate: p.card.issueDate, expiryDate: p.card.expiryDate,
      region: p.card.cardId.slice(0, 6), specVersion: '3.00',
    };
    const iconv = await import('iconv-lite');
    const line = iconv.encode(formatVendorDllLine(expected, '0081') + '\0\0garbage', 'gbk');
    const record = await readSsCardViaDll({ iReadCardBas: async () => ({ ret: 0, out: line }) });
    expect(record).toMatchObject(expected);
    await expect(readSsCardViaDll({ iReadCardBas: async () => ({ ret: -11, out: '无卡' }) })).rejects.toMatchObject({
      code: 'CARD_NOT_PRESENT',
    });
  });
});
