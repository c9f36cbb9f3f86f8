// The catalog.* calls through the app's dispatcher: who may call what, inputs refused at the
// boundary with a Chinese message naming the field (nothing stored), and the calls a technician
// uses end to end after a sync (summary, search, terms, dictionaries, import, candidates).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';

let app: RunningApp;
let raw: (m: string, input?: unknown, token?: string) => Promise<any>;
let tech: string;
let cashier: string;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-api-'));
  app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0']]) });
  raw = (m, input, token) => app.dispatcher.dispatch(m, input, { session: token ? app.services.sessions(token) : undefined, channel: 'http' }) as Promise<any>;
  const admin = (await raw('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' })).value.token;
  await raw('operators.create', { id: 't01', name: '赵技术', role: 'technician', password: 'tech-pass-1' }, admin);
  await raw('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' }, admin);
  tech = (await raw('auth.login', { operatorId: 't01', password: 'tech-pass-1' })).value.token;
  cashier = (await raw('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token;
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('catalog calls', () => {
  it('a cashier may search but not sync, import or confirm; no session may do nothing', async () => {
    for (const m of ['catalog.sync.start', 'catalog.summary', 'catalog.match.upload']) {
      const r = await raw(m, undefined, cashier);
      expect(r.ok, m).toBe(false);
    }
    expect((await raw('catalog.search', { q: '阿莫' })).ok).toBe(false);
    expect((await raw('catalog.search', { q: '阿莫' }, cashier)).ok).toBe(true);
  });

  it('refuses bad input naming the field, and a bad CSV by row and column; nothing is stored', async () => {
    const r1 = await raw('catalog.terms', { code: 'X', date: '2020/01/01' }, tech);
    expect(r1.ok).toBe(false);
    expect(r1.error.field).toBe('date');
    expect(r1.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const r2 = await raw('catalog.match.confirm', { hisCode: 'A B' }, tech);
    expect(r2.error.field).toBe('hisCode');
    const csv = Buffer.from('项目编码,项目名称,单价\nA1,阿莫西林胶囊,12.5\nA2,布洛芬,abc\n').toString('base64');
    const r3 = await raw('catalog.his.import', { contentBase64: csv }, tech);
    expect(r3.ok).toBe(false);
    expect(r3.error.message).toBe('第 3 行“单价”应为不小于 0 的金额');
    expect((await raw('catalog.match.list', { filter: 'all' }, tech)).value.total).toBe(0);
    const r4 = await raw('catalog.match.confirm', { hisCode: 'NOPE' }, tech);
    expect(r4.error).toMatchObject({ code: 'NOT_FOUND', field: 'hisCode' });
  });

  it('after a sync: summary, search, terms of a day, dictionaries, import with proposals, candidates', async () => {
    const started = await raw('catalog.sync.start', undefined, tech);
    expect(started.value.running).toBe(true);
    await app.services.catalog.sync.settled();
    const status = (await raw('catalog.sync.status', undefined, tech)).value;
    expect(status).toMatchObject({ running: false, phase: 'done', fraction: 1 });
    const summary = (await raw('catalog.summary', undefined, tech)).value;
    expect(summary.catalogs.find((c: any) => c.catalog === '1301').rows).toBeGreaterThanOrEqual(10_000);
    expect(summary.lastSync.state).toBe('done');
    const found = (await raw('catalog.search', { q: '阿托伐他汀', limit: 5 }, cashier)).value;
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].name).toContain('阿托伐他汀');
    const terms = (await raw('catalog.terms', { code: '002202010030000', date: '2026-01-05' }, cashier)).value;
    expect(terms).toMatchObject({ class: 'B', selfPayRatio: '0.2', cap: '150.00' });
    const dept = (await raw('catalog.dict.list', { type: 'DEPT' }, tech)).value;
    expect(dept.find((r: any) => r.value === 'A02').label).toBe('全科医疗科');
    const csv = Buffer.from('项目编码,项目名称,规格,医保编码\nJC0003,腹部彩色多普勒超声,,002202010030000\nYP1,阿托伐他汀钙片,20mg,\nZZ1,陪护费,,\n').toString('base64');
    const imported = (await raw('catalog.his.import', { contentBase64: csv }, tech)).value;
    expect(imported).toMatchObject({ imported: 3, byCode: 1 });
    const list = (await raw('catalog.match.list', { filter: 'all' }, tech)).value;
    expect(list.items.find((h: any) => h.hisCode === 'JC0003')).toMatchObject({ state: 'proposed', score: 100, code: '002202010030000' });
    const cands = (await raw('catalog.match.candidates', { hisCode: 'YP1' }, tech)).value;
    expect(cands[0].item.name).toContain('阿托伐他汀');
    expect(cands[0].score).toBeGreaterThan(cands[cands.length - 1].score - 1);
    const confirmed = (await raw('catalog.match.confirm', { hisCode: 'JC0003' }, tech)).value;
    expect(confirmed.state).toBe('confirmed');
    expect(app.services.his.catalog.lookup(['JC0003']).get('JC0003')).toMatchObject({ catalogCode: '002202010030000', class: 'B' });
  }, 180_000);
});
