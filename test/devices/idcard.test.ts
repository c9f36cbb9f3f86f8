// Resident ID card through a GA 467 reader over a real pty pair.
import { describe, expect, it } from 'vitest';
import { Ga467Client } from '../../native/idcard/ga467-client';
import { decodeIdText, encodeIdText } from '../../native/idcard/decode';
import { demoPerson, idCardContent } from '../../electron/devices/demo-cards';
import { DEADLINES, serveIdCard } from './helpers';

describe('GA 467 text block', () => {
  it('decodes the UTF-16LE layout, trims, keeps 长期', () => {
    const record = idCardContent(demoPerson('poor'));
    const text = encodeIdText(record);
    expect(text.length).toBe(256);
    expect(text.subarray(122, 158).toString('utf16le')).toBe('370303195803120316');
    expect(text.subarray(0, 30).toString('utf16le')).toBe('张建国' + ' '.repeat(12));
    expect(decodeIdText(text)).toEqual(record);
  });
});

describe('resident ID card over GA 467 on a pty', () => {
  it('reads with find, select and read text only', async () => {
    const served = await serveIdCard('lowIncome');
    const reader = new Ga467Client(await served.host(), DEADLINES);
    expect(await reader.read()).toEqual({
      name: '李秀英',
      gender: '2',
      nation: '01',
      birthDate: '1962-07-05',
      address: '山东省淄博市张店区中埠镇东村45号',
      idNumber: '370303196207050424',
      authority: '淄博市公安局张店分局',
      validFrom: '2012-07-05',
      validTo: '2032-07-05',
    });
    expect(served.sim.log).toEqual(['2001', '2002', '3001']);
  });

  it('no card, then a card that must leave the field before it reads again', async () => {
    const served = await serveIdCard('');
    const reader = new Ga467Client(await served.host(), DEADLINES);
    await expect(reader.read()).rejects.toMatchObject({ code: 'IDCARD_NOT_PRESENT' });
    served.sim.place(idCardContent(demoPerson('poor')));
    expect((await reader.read()).validTo).toBe('长期');
    await expect(reader.read()).rejects.toMatchObject({ code: 'IDCARD_NOT_PRESENT' });
    served.sim.remove();
    served.sim.place(idCardContent(demoPerson('poor')));
    expect((await reader.read()).name).toBe('张建国');
  });

  it('recovers from garbled replies and times out on a silent reader', async () => {
    const served = await serveIdCard('destitute', { garbleEvery: 2, garbleMode: 'noise', seed: 3 });
    const reader = new Ga467Client(await served.host(), DEADLINES);
    expect((await reader.read()).idNumber).toBe('37030319450920053X');
    const bcc = await serveIdCard('destitute', { garbleEvery: 3, garbleMode: 'bcc' });
    expect((await new Ga467Client(await bcc.host(), DEADLINES).read()).name).toBe('王德福');
    const silent = await serveIdCard('poor', { silent: true });
    const started = Date.now();
    await expect(new Ga467Client(await silent.host(), { timeoutMs: 100, retries: 0 }).read()).rejects.toMatchObject({
      code: 'READER_TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
