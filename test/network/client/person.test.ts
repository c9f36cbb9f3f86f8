// Person records as the platform gives them: 1101 (baseinfo, every insuinfo row, the visit's
// insutype picked, idetinfo through the setup's map of the region's dictionary codes — none of
// our own), 5301 chronic registrations, 5206 year-to-date by cum_type_code, 2001 entitlement
// (a paused coverage is reported before any fee is taken).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSimulator } from '../../../electron/network/simulator';
import { demoPersonByKey } from '../../../electron/demo/persons';
import type { Identity } from '../../../electron/network/client';
import { NOW, closeSims, makeClient, refOf, simClient, startSim } from './helpers';

let sim: PlatformSimulator;
let people: Record<string, { certno: string; psn_no: string }>;
beforeAll(async () => {
  sim = await startSim();
  people = Object.fromEntries(sim.persons().map((p) => [p.key, p]));
});
afterAll(closeSims);

const byId = (certno: string) => ({ cert: { type: 'idNumber' as const, no: certno } });

describe('1101', () => {
  it('keeps every insuinfo row and picks the visit\'s insurance: active, local, basic', async () => {
    const { client } = simClient(sim);
    const civil = (await client.personInfo(byId(people.civil.certno))).person;
    expect(civil.insurances.map((r) => [r.insutype, r.status, r.region])).toEqual([['310', '1', '370300'], ['320', '1', '370300'], ['330', '1', '370300'], ['390', '3', '341100']]);
    expect(civil).toMatchObject({ insutype: '310', insuranceType: 'employee', insuranceRegion: '370300', insuranceStatus: '1', personType: '1102', accountBalance: '3200.00' });
    expect(civil.insurances[0].civilServant).toBe(true);
    const employee = (await client.personInfo(byId(demoPersonByKey('employee')!.idNumber))).person;
    expect(employee).toMatchObject({ insutype: '310', accountBalance: '1260.50' });
    // A paused coverage is the only row: it is picked, and its status says so.
    const paused = (await client.personInfo(byId(people.paused.certno))).person;
    expect(paused).toMatchObject({ insutype: '390', insuranceStatus: '4' });
    expect(paused.insurances[0].pausedSince).toBe('2025-01-01');
    expect(paused.chronic).toEqual([]);
  });

  it('maps idetinfo only through the setup\'s map of the dictionary\'s codes: no code of our own', async () => {
    const plain = makeClient(sim.url);
    const raw = (await plain.client.personInfo(byId(demoPersonByKey('poor')!.idNumber))).person;
    expect(raw.identities).toEqual([]);
    expect(raw.identityRows.map((r) => r.code)).toEqual(['2303']);
    // The technician maps the region's PSN_IDET_TYPE codes (1901) to the window's identities.
    const dict = await plain.client.send('1901', { data: { type: 'PSN_IDET_TYPE', admdvs: '370300', date: NOW().slice(0, 10), valiFlag: '1' } });
    const labels = Object.fromEntries((dict.output.list as { value: string; label: string }[]).map((r) => [r.label, r.value]));
    const map: Record<string, Identity> = { [labels['返贫致贫人口']]: 'poverty', [labels['低保对象']]: 'lowIncome' };
    const mapped = makeClient(sim.url, { identityMap: map });
    expect((await mapped.client.personInfo(byId(demoPersonByKey('poor')!.idNumber))).person.identities).toEqual(['poverty']);
    // A code the map does not name (孤儿 2306) is kept as a row, never guessed into an identity.
    const child = (await mapped.client.personInfo(byId(people.child.certno))).person;
    expect(child.identities).toEqual([]);
    expect(child.identityRows[0].code).toBe('2306');
  });
});

describe('5301, 5206, 2001', () => {
  it('5301: the registrations with the network\'s codes, mapped to the packs\' codes by the setup', async () => {
    const { client } = simClient(sim);
    const p = (await client.personInfo(byId(demoPersonByKey('poor')!.idNumber))).person;
    const regs = (await client.chronicRegistrations5301(refOf(p))).registrations;
    expect(regs.map((r) => [r.networkCode, r.code, r.name])).toEqual([['M03900', 'I10', '高血压'], ['M01600', 'E11', '糖尿病']]);
    expect(regs[0].clinic).toBe('');
    const unmapped = makeClient(sim.url);
    expect((await unmapped.client.chronicRegistrations5301(refOf(p))).registrations.map((r) => r.code)).toEqual(['M03900', 'M01600']);
    const record = (await client.personRecord(byId(demoPersonByKey('poor')!.idNumber))).person;
    expect(record.chronic.map((r) => r.code)).toEqual(['I10', 'E11']);
  });

  it('5206: the year-to-date rows as sent, by cum_type_code', async () => {
    const { client } = simClient(sim);
    const p = (await client.personInfo(byId(people.retired.certno))).person;
    const rows = (await client.yearToDate5206(refOf(p))).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.insutype === '310' && /^\d{4}$/.test(r.year) && /^\d{6}$/.test(r.month))).toBe(true);
    expect(rows.find((r) => r.code === 'D310101')?.amount).toBe('150000.00');
  });

  it('2001: a paused coverage is not entitled, with the network\'s reason; an active one is', async () => {
    const { client } = simClient(sim);
    const paused = (await client.personInfo(byId(people.paused.certno))).person;
    const e = await client.entitlement2001({ person: refOf(paused), medType: 'outpatient', begin: NOW() });
    expect(e.entitled).toBe(false);
    expect(e.problems.join()).toContain('中断缴费');
    const poor = (await client.personInfo(byId(demoPersonByKey('poor')!.idNumber))).person;
    const ok = await client.entitlement2001({ person: refOf(poor), medType: 'outpatient', begin: NOW() });
    expect(ok).toMatchObject({ entitled: true, problems: [] });
    expect(ok.rows[0]).toMatchObject({ fundType: '390101', entitled: true });
    // A chronic visit without a registered disease: the network says why.
    const lowIncome = (await client.personRecord(byId(demoPersonByKey('ordinary')!.idNumber))).person;
    const chronic = await client.entitlement2001({ person: refOf(lowIncome), medType: 'chronicOutpatient', begin: NOW(), disease: { code: 'M03900', name: '高血压' } });
    expect(chronic.entitled).toBe(false);
    expect(chronic.problems.join()).toContain('未办理门诊慢特病');
  });
});
