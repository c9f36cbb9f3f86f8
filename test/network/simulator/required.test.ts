// Every transaction's input tables: each required field left empty is refused naming the node,
// the row and the field (spec name and Chinese name); coded fields outside the 1901 dictionary
// are refused naming the dictionary; lengths and number forms are checked. Inputs are built from
// the tables themselves, so every required field of every transaction is covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { DICTIONARIES } from '../../../electron/network/simulator/dictionary';
import type { FieldSpec, NodeSpec } from '../../../electron/network/simulator/fields';
import { TRANSACTIONS } from '../../../electron/network/simulator/transactions';
import { closeSims, Raw, signedIn, startSim, type Json } from './helpers';

let sim: PlatformSimulator;
let r: Raw;
beforeAll(async () => {
  sim = await startSim();
  r = await signedIn(sim);
});
afterAll(closeSims);

function value(f: FieldSpec): unknown {
  if (f.dict) return DICTIONARIES[f.dict][0].value;
  switch (f.type) {
    case 'N':
      return '1';
    case 'D':
      return '2026-05-14';
    case 'DT':
      return '2026-05-14 09:00:00';
    case 'A':
      return [];
    case 'O':
      return {};
    default:
      return 'X'.repeat(Math.min(1, f.len || 1));
  }
}

function row(fields: FieldSpec[]): Json {
  return Object.fromEntries(fields.map((f) => [f.name, value(f)]));
}

function sample(nodes: NodeSpec[]): Json {
  return Object.fromEntries(nodes.map((n) => [n.name, n.array ? [row(n.fields)] : row(n.fields)]));
}

const place = (infno: string, n: NodeSpec) => `【${infno}】${n.name}${n.array ? '第1条' : ''}：`;

const cases = Object.entries(TRANSACTIONS).filter(([infno]) => infno !== '9001');

describe('required fields', () => {
  it.each(cases)('%s refuses each required field when empty', async (infno, tx) => {
    let checked = 0;
    for (const n of tx.nodes) {
      for (const f of n.fields.filter((x) => x.req)) {
        const input = sample(tx.nodes);
        const target = n.array ? input[n.name][0] : input[n.name];
        target[f.name] = '';
        const msg = await r.refused(infno, input);
        expect(msg, `${infno} ${n.name}.${f.name}`).toBe(`${place(infno, n)}${f.label}(${f.name})不能为空`);
        checked++;
      }
      if (!n.optional) {
        const input = sample(tx.nodes);
        delete input[n.name];
        expect(await r.refused(infno, input)).toBe(`【${infno}】节点(${n.name})不能为空`);
      }
    }
    expect(checked + tx.nodes.length).toBeGreaterThan(0);
  });

  it('9001 (before any sign-in) refuses each required field', async () => {
    const fresh = new Raw(sim.url);
    for (const f of ['opter_no', 'mac', 'ip']) {
      const input = { signIn: { opter_no: '1', mac: 'm', ip: 'i', [f]: '' } };
      expect(await fresh.refused('9001', input, { sign_no: '' })).toContain(`(${f})不能为空`);
    }
  });

  it('9101 requires the file data (in) and 1901 the validity flag', async () => {
    expect(await r.refused('9101', { fsUploadIn: { filename: 'a.zip', fixmedins_code: r.inst } })).toBe('【9101】fsUploadIn：文件数据(in)不能为空');
    expect(await r.refused('9101', { fsUploadIn: { in: 'bm90IGEgemlw', filename: 'a.zip', fixmedins_code: r.inst } })).toContain('不是有效的zip文件');
    expect(await r.refused('1901', { data: { type: 'INSUTYPE', admdvs: '370300', date: '2026-05-14' } })).toContain('(valiFlag)');
    const ok = await r.ok('1901', { data: { type: 'insutype', admdvs: '370300', date: '2026-05-14 08:00:00', vali_flag: '1' } });
    expect(ok.list.map((x: Json) => x.value)).toContain('390');
  });
});

describe('code values', () => {
  const coded = cases.flatMap(([infno, tx]) => tx.nodes.flatMap((n) => n.fields.filter((f) => f.dict).map((f) => [infno, n, f] as const)));

  it('refuses a value outside the 1901 dictionary, naming the field and the dictionary', async () => {
    expect(coded.length).toBeGreaterThan(40);
    for (const [infno, n, f] of coded) {
      const input = sample(TRANSACTIONS[infno].nodes);
      const bad = 'ZZ9'.slice(0, f.len || 3);
      (n.array ? input[n.name][0] : input[n.name])[f.name] = bad;
      expect(await r.refused(infno, input), `${infno} ${f.name}`).toBe(`${place(infno, n)}${f.label}(${f.name})不在字典${f.dict}中：${bad}`);
    }
  });

  it('serves the dictionaries it checks against (1901), including regional identity codes and departments', async () => {
    const list = async (type: string) => (await r.ok('1901', { data: { type, admdvs: '370300', date: '2026-05-14', valiFlag: '1' } })).list as Json[];
    expect((await list('PSN_IDET_TYPE')).map((x) => x.value)).toEqual(['2301', '2302', '2303', '2304', '2305', '2306']);
    expect((await list('DEPT')).find((x) => x.value === 'A02')).toMatchObject({ type: 'DEPT', label: '全科医疗科', valiFlag: '1' });
    expect((await list('INSUTYPE')).map((x) => x.value)).not.toContain('380');
    expect(await list('NO_SUCH_TYPE')).toEqual([]);
    const input = sample(TRANSACTIONS['2201'].nodes);
    input.data.insutype = '380';
    expect(await r.refused('2201', input)).toContain('不在字典INSUTYPE中');
  });

  it('checks lengths, numbers and dates', async () => {
    const input = sample(TRANSACTIONS['2204'].nodes);
    input.feedetail[0].det_item_fee_sumamt = '1.005';
    expect(await r.refused('2204', input)).toContain('(det_item_fee_sumamt)小数位数超过2位');
    input.feedetail[0].det_item_fee_sumamt = 'abc';
    expect(await r.refused('2204', input)).toContain('不是有效数值');
    const reg = sample(TRANSACTIONS['2201'].nodes);
    reg.data.ipt_otp_no = 'X'.repeat(31);
    expect(await r.refused('2201', reg)).toContain('(ipt_otp_no)长度超过30');
    reg.data.ipt_otp_no = 'X';
    reg.data.begntime = '2026-02-30 09:00:00';
    expect(await r.refused('2201', reg)).toContain('(begntime)不是有效时间');
  });
});
