// The remaining transactions in their happy paths: 1201 institutions, 2203A (revised visit
// information with maternity fields), 2403 admission change, 1316 list matching query; and the
// inspection endpoints a switch-over relies on.
import { afterAll, describe, expect, it } from 'vitest';
import { chinaDateTime } from '../../../electron/core/time';
import { closeSims, person, registration, signedIn, startSim, visitInfo, type Json } from './helpers';

afterAll(closeSims);

describe('more transactions', () => {
  it('1201 lists the institution; 2203A accepts the revised visit information', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const m = await r.ok('1201', { medinsinfo: { fixmedins_type: '1', fixmedins_code: r.inst } });
    expect(m.medinsinfo).toEqual([expect.objectContaining({ fixmedins_code: r.inst, fixmedins_name: '淄博市张店区中埠镇卫生院', fixmedins_type: '1', hosp_lv: '09' })]);
    const p = await person(r, '370303197902280728');
    r.insuplc = '370300';
    const id = (await r.ok('2201', registration(p, r))).data.mdtrt_id;
    const info = visitInfo(p, id, r, { med_type: '51', matn_type: '1', geso_val: 12 });
    expect(await r.ok('2203A', info)).toEqual({});
    expect(sim.ledger().visits.find((v) => v.visitId === id)!.medType).toBe('51');
  });

  it('2403 changes an admission; 1316 lists the national list codes', async () => {
    const sim = await startSim();
    const r = await signedIn(sim);
    const p = await person(r, '37030319850115061X');
    const now = chinaDateTime(r.now());
    const adm = {
      psn_no: p.psn_no, insutype: '390', begntime: now, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, med_type: '21', atddr_no: 'D1', chfpdr_name: '李医生',
      adm_diag_dscr: '肺炎', adm_dept_codg: '0301', adm_dept_name: '内科', adm_bed: '3', dscg_maindiag_code: 'J18.900', dscg_maindiag_name: '肺炎',
    };
    const dise = { psn_no: p.psn_no, diag_type: '1', maindiag_flag: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', diag_dept: '内科', dise_dor_no: 'D1', dise_dor_name: '李医生', diag_time: now };
    const id = (await r.ok('2401', { mdtrtinfo: { ...adm, ipt_no: 'ZY-C-1' }, diseinfo: [dise] })).result.mdtrt_id;
    await r.ok('2403', { adminfo: { ...adm, mdtrt_id: id, ipt_otp_no: 'ZY-C-1', med_type: '22' }, diseinfo: [{ ...dise, mdtrt_id: id, diag_code: 'S06.000', diag_name: '脑震荡' }] });
    expect(sim.ledger().visits.find((v) => v.visitId === id)!.medType).toBe('22');
    const list = await r.ok('1316', { data: { updt_time: '2020-01-01', page_num: 1, page_size: 5, hilist_code: '001101000010000' } });
    expect(list.data).toEqual([expect.objectContaining({ med_list_codg: '001101000010000', hilist_code: '001101000010000', list_type: '201', vali_flag: '1' })]);
  });

  it('answers the inspection endpoints a switch-over relies on', async () => {
    const sim = await startSim();
    const base = sim.url.replace(/\/fsi\/.*$/, '');
    const get = async (path: string) => (await (await fetch(`${base}${path}`)).json()) as Json;
    const persons = (await get('/__sim/persons')) as unknown as Json[];
    expect(persons.map((p) => p.key)).toEqual(['poor', 'lowIncome', 'destitute', 'ordinary', 'employee', 'disabled', 'anhuiPoor', 'paused', 'retired', 'civil', 'child']);
    const token = (await (await fetch(`${base}/__sim/tokens`, { method: 'POST', body: JSON.stringify({ person: 'poor' }) })).json()) as Json;
    expect(token.token).toMatch(/^[0-9A-F]{32}$/);
    expect((await get('/__sim/stats')).spec).toBe('none');
    expect((await get('/__sim/ledger')).settlements).toEqual([]);
    expect((await get('/__sim/catalog')).versions).toHaveLength(2);
    const pub = (await (await fetch(`${base}/__sim/catalog/publish`, { method: 'POST' })).json()) as Json;
    expect(pub.version.ver).toMatch(/^\d{8}003$/);
    expect(await get('/__sim/matchings')).toEqual([]);
    expect((await get('/__sim/trace?code=81234567890123456789')).state).toBeNull();
    expect((await fetch(`${base}/__sim/nothing`)).status).toBe(404);
    expect((await fetch(sim.url)).status).toBe(405);
  });
});
