// The settling process of the crash test (bundled by the test, so restarts are fast): the whole
// app over a data dir, its network the test's simulator; it puts the demo HIS visits in (the same
// ones every start), waits for the recovery at start, then settles every visit still waiting
// through the window (card, visit, pre-settle, cash), printing `COMMITTED <settlementId> <visitId>`.
// The test kills it with SIGKILL at random moments and starts it again. With --drain it settles
// the rest and exits after a clean close.
import fs from 'node:fs';
import { composeApp } from '../../electron/app/compose';
import type { Session } from '../../electron/api/dispatch';
import { demoVisits } from '../../electron/his/demo/visits';
import type { HisBridge } from '../../electron/his';
import { DEMO_PERSONS } from '../../electron/demo/persons';
import { NETWORK_SETTINGS_KEY, SITE_SETTINGS_KEY } from '../../electron/network/setup';
import { demoChronicMap, demoIdentityMap, demoVisitSetup } from '../../electron/network/demo-setup';

const say = (line: string) => fs.writeSync(1, line + '\n');
const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];

type Call = (m: string, input?: unknown) => Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

async function must(call: Call, m: string, input?: unknown): Promise<any> {
  const r = await call(m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error?.code} ${r.error?.message}`);
  return r.value;
}

async function settleOne(call: Call, bridge: HisBridge, visitId: string): Promise<void> {
  const v = bridge.service.get(visitId)!;
  const key = DEMO_PERSONS.find((p) => p.idNumber === v.patient.idNumber)!.key;
  await must(call, 'window.demo.insertCard', { personKey: key });
  const person = await must(call, 'window.identify', { via: 'reader' });
  const input: Record<string, unknown> = { ticket: person.ticket, visitId };
  if (v.visitType === 'chronicOutpatient') Object.assign(input, { chronicCode: person.chronic[0]?.code, prescriptionDays: 30 });
  const pre = await must(call, 'window.preSettle', input);
  const tendered = (Math.ceil(Number(pre.patientDue)) + 10).toFixed(2);
  const done = await must(call, 'window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered } });
  say(`COMMITTED ${done.settlementId} ${visitId}`);
}

async function main(): Promise<void> {
  // One clock for every run (the test's): the app's time in mid-2020 goes on across restarts.
  const offset = Number(arg('offset'));
  const app = await composeApp({
    dataDir: arg('data'), mode: 'test', now: () => new Date(Date.now() - offset),
    flags: new Map([['his-port', '0'], ['network', arg('url')]]),
  });
  // The technician's setup for this network, from its dictionaries (the built-in network has it by itself).
  app.ctx.settings.set(SITE_SETTINGS_KEY, { visit: demoVisitSetup(), chronicMap: demoChronicMap(), fundMap: {}, refusalPatterns: {} });
  app.ctx.settings.set(NETWORK_SETTINGS_KEY, { ...(app.ctx.settings.get<object>(NETWORK_SETTINGS_KEY) ?? {}), identityMap: demoIdentityMap() });
  const resolve = app.services.sessions;
  const raw = (token?: string): Call => (m, input) => app.dispatcher.dispatch(m, input, { session: token ? resolve(token) : undefined, channel: 'http' }) as never;
  if (!(await raw()('auth.state')).value?.hasOperators) {
    const a = await must(raw(), 'auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
    await must(raw(a.token), 'operators.create', { id: 'c01', name: '李收款', role: 'cashier', password: 'cash-pass-1' });
  }
  const call = raw((await must(raw(), 'auth.login', { operatorId: 'c01', password: 'cash-pass-1' })).token);
  const bridge = app.services.his;
  for (const tag of arg('tags').split(',')) {
    const r = bridge.service.receiveAll(demoVisits(app.ctx.now(), tag), 'api');
    if (!r.ok) throw new Error(`his visits: ${r.error.message}`);
  }
  const report = await app.services.recovery;
  say(`RECOVERED ${JSON.stringify(report)}`);
  for (const s of bridge.service.listWaiting()) await settleOne(call, bridge, s.hisVisitId);
  say('SETTLED-ALL');
  if (!process.argv.includes('--drain')) await new Promise(() => setInterval(() => {}, 1000));
  await app.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`crash worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
