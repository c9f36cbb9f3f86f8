// No English reaches the user of the Chinese UI: field errors name the field by its Chinese label
// (the path stays in `field` and in the English detail); the queue shows the network failure in
// Chinese and does not contradict itself; the audit log reads in Chinese.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { fieldLabel } from '../../electron/core/field-label';
import { hasActionLabel } from '../../electron/audit/labels';
import { byCard, cardOf, harness, outpatientLines, visitRef, waitUntil, startSim } from '../settlement/helpers';

/** Latin words a user would read as English (codes such as H37030300123 or c01 are not words). */
const ENGLISH = /\b[A-Za-z]{3,}\b/;

describe('field labels', () => {
  it('names fields in Chinese, with the list position where there is one', () => {
    expect(fieldLabel('idNumber')).toBe('身份证号');
    expect(fieldLabel('region')).toBe('行政区划代码');
    expect(fieldLabel('visit.lines[2].amount')).toBe('费用明细第 3 条的金额');
    expect(fieldLabel('第 3 行 selfPayRatio')).toBe('第 3 行 自付比例');
    expect(fieldLabel('someUnknownKey')).toBe('输入项');
  });
});

describe('through the app', () => {
  let app: RunningApp;
  let admin: (m: string, input?: unknown) => Promise<any>;
  let cashier: (m: string, input?: unknown) => Promise<any>;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-texts-'));
    app = await composeApp({ dataDir, mode: 'test', flags: new Map([['his-port', '0'], ['network', 'builtin']]), now: () => new Date('2020-06-15T02:00:00Z') });
    const resolve = app.services.sessions;
    const as = (token: string | undefined) => (m: string, input?: unknown) => app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as Promise<any>;
    const a = await as(undefined)('auth.setupAdmin', { operatorId: 'a01', name: '王管理', password: 'admin-pass-1' });
    admin = as(a.value.token);
    await admin('operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' });
    cashier = as((await as(undefined)('auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).value.token);
  }, 60_000);
  afterAll(() => app?.close());

  it('refuses bad fields with Chinese labels', async () => {
    const id = await cashier('window.identify', { via: 'cardFree', idNumber: '37030319580312031', name: '张三' });
    expect(id.error).toMatchObject({ field: 'idNumber', message: '身份证号：格式不正确' });
    const inst = await admin('setup.institution.get');
    const region = await admin('setup.institution.set', { ...inst.value, region: '37A303' });
    expect(region.ok).toBe(false);
    expect(region.error.message).toMatch(/^行政区划代码：/);
    const ratio = await admin('his.catalog.set', { hisCode: 'X1', hisName: '阿莫西林', catalogCode: 'XJ01', class: 'B', selfPayRatio: '7', category: '09' });
    expect(ratio.error.field).toBe('selfPayRatio');
    expect(ratio.error.message).toMatch(/^自付比例：/);
    const csv = Buffer.from('hisCode,hisName,catalogCode,class,selfPayRatio,category\nX1,阿莫西林,XJ01,乙,7,09\n').toString('base64');
    const imported = await admin('his.catalog.import', { contentBase64: csv });
    expect(imported.error.message).toContain('自付比例');
    const unknown = await admin('setup.institution.set', { ...inst.value, extra: 1 });
    expect(unknown.error.message).toBe('不认识的字段“extra”');
    for (const e of [id.error, region.error, ratio.error, imported.error]) expect(e.message).not.toMatch(ENGLISH);
  });

  it('labels every audited action and writes its description in Chinese', async () => {
    for (const m of app.dispatcher.auditedMethods()) expect(hasActionLabel(m), m).toBe(true);
    await admin('operators.update', { id: 'c01', active: true });
    await admin('operators.settings.set', { idleMinutes: 20 });
    await admin('window.cardFree.set', { poverty: true, lowIncome: false, destitute: false });
    await admin('settlement.offlineLimits.set', { perVisit: '2000.00', perPersonDay: '3000.00', differencePolicy: 'institution' });
    const net = await admin('network.setup.get');
    await admin('network.setup.set', net.value);
    const list = await admin('audit.list', { limit: 50 });
    expect(list.value.length).toBeGreaterThanOrEqual(8);
    for (const e of list.value) {
      expect(e.actionLabel, e.action).not.toBe('其他操作');
      expect(e.actionLabel).not.toMatch(ENGLISH);
      expect(e.summary, e.action).not.toMatch(ENGLISH);
    }
  });
});

describe('the queue', () => {
  it('shows a failed sign-in in Chinese, without claiming the sign-in was never sent', async () => {
    const sim = await startSim({ port: 0 });
    const h = harness(sim.url);
    try {
      await h.service.lookupPerson(byCard('poor'));
      // A new client (not signed in) and a network that drops every sign-in: the business message never leaves.
      h.setEndpoint(sim.url);
      sim.setFaults('drop=1,only=9001');
      await h.service.settle({
        person: cardOf('poor'), visit: { ref: visitRef(), type: 'outpatient', date: '2020-06-15', lines: outpatientLines() },
        payment: { method: 'cash' }, operatorId: 'op1',
      });
      let error = '';
      await waitUntil(() => {
        const m = h.repos.outbox.listOpen(10).find((x) => x.lastError);
        error = m?.lastError ?? '';
        return !!error;
      }, 15_000, 'a failed attempt');
      expect(error).toBe('签到失败（医保网络无应答），本笔交易尚未发出');
      expect(error).not.toMatch(ENGLISH);
    } finally {
      await h.close();
      await sim.close();
    }
  });
});
