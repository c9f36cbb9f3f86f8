// The message log masks personal data: ID numbers, names, card numbers, e-voucher tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformSimulator, type PlatformSimulator } from '../../../electron/network/simulator';
import { maskMessage } from '../../../electron/network/client';
import { demoPersonByKey } from '../../../electron/demo/persons';
import { makeClient, tempDb } from './helpers';

let sim: PlatformSimulator;
beforeAll(async () => {
  sim = await startPlatformSimulator();
});
afterAll(() => sim.close());

describe('message log masking', () => {
  it('never stores a whole ID number, name, card number or token, in requests or answers', async () => {
    const { client, log } = makeClient(sim.url, {}, { db: tempDb() });
    const secrets: string[] = [];
    for (const key of ['poor', 'employee', 'destitute']) {
      const p = demoPersonByKey(key)!;
      secrets.push(p.idNumber, p.name, p.card.cardNumber, p.card.cardId, p.eVoucherCode, p.address);
      await client.personInfo({ cert: { type: 'idNumber', no: p.idNumber }, name: p.name });
      await client.personInfo({ cert: { type: 'ssCard', no: p.card.cardNumber, cardSn: p.card.cardId } });
      const token = sim.issueToken(key);
      secrets.push(token);
      await client.personInfo({ cert: { type: 'eVoucher', no: token } });
    }
    const rows = log.recent(100);
    expect(rows.length).toBe(10);
    const text = rows.map((r) => `${r.request}\n${r.response}`).join('\n');
    for (const s of secrets) expect(text, s).not.toContain(s);
    expect(text).toContain('370303********0316');
    expect(text).toContain('张**');
    expect(rows.every((r) => r.outcome === 'ok' && r.duration_ms !== null)).toBe(true);
  });

  it('masks ID numbers in any field and leaves amounts and codes alone', () => {
    const m = maskMessage({ memo: 'patient 370303195803120316 ok', psn_name: '李秀英', medfee_sumamt: 12.5, insutype: '390', list: [{ certno: '37030319450920053X' }] });
    expect(m).toEqual({ memo: 'patient 370303********0316 ok', psn_name: '李**', medfee_sumamt: 12.5, insutype: '390', list: [{ certno: '370303********053X' }] });
  });
});
