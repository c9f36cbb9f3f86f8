// Template settlements for the history stores, made through the real settle path: the composed
// app with its built-in network simulator, the demo HIS sending its visits, the simulated reader,
// and the window's calls as the cashier's screen makes them (identify, visits, pre-settle,
// settle, the receipt issued and archived). A few are cancelled online (window.cancel), a few are
// settled while the network is down (they stay queued: the queue figure copies those).
import fs from 'node:fs';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../../electron/app/compose';
import { demoVisits } from '../../../electron/his/demo/visits';

/** The app's clock in every history store: 2020-06-15 09:30 China time (the shipped packs are of 2020). */
export const TODAY = '2020-06-15';
export const CLOCK_OFFSET_MS = Date.now() - Date.parse('2020-06-15T01:30:00Z');
export const appNow = () => new Date(Date.now() - CLOCK_OFFSET_MS);

export const CASHIER = { id: 'c01', password: 'cash-pass-1' };

type Call = (m: string, input?: unknown) => Promise<any>;

/** The app on a store, with the built-in network simulator or the network at `network`. */
export async function openApp(dataDir: string, network?: string): Promise<RunningApp> {
  const flags = new Map<string, string>([['his-port', '0'], ...(network ? [['network', network] as [string, string]] : [])]);
  return composeApp({ dataDir, mode: 'test', flags, now: appNow });
}

/** A caller of the app's API as a logged-in operator (set up on first use). */
export async function cashier(app: RunningApp): Promise<Call> {
  const raw = (m: string, input?: unknown, token?: string) =>
    app.dispatcher.dispatch(m, input, { session: token ? app.services.sessions(token) : undefined, channel: 'http' }) as Promise<any>;
  const must = async (m: string, input?: unknown, token?: string) => {
    const r = await raw(m, input, token);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const fresh = (await raw('auth.login', { operatorId: CASHIER.id, password: CASHIER.password })).ok !== true;
  if (fresh) {
    const admin = await must('auth.setupAdmin', { operatorId: 'admin', name: '王管理', password: 'admin-pass-1' });
    await must('operators.create', { id: CASHIER.id, name: '李收款', role: 'cashier', password: CASHIER.password }, admin.token);
  }
  const token = (await must('auth.login', { operatorId: CASHIER.id, password: CASHIER.password })).token as string;
  return (m, input) => must(m, input, token);
}

/** Sends the demo HIS visits tagged `tag` and settles every one of them at the window; returns the settlement ids. */
export async function settleDemoVisits(app: RunningApp, call: Call, tag: string): Promise<string[]> {
  const visits = demoVisits(app.ctx.now(), tag);
  if (!app.services.his.service.receiveAll(visits, 'api').ok) throw new Error(`demo visits ${tag} refused`);
  const keys = ['poor', 'lowIncome', 'ordinary', 'employee', 'destitute'];
  const ids: string[] = [];
  const tried = new Set<string>();
  for (const key of keys) {
    for (;;) {
      await call('window.demo.insertCard', { personKey: key });
      const person = await call('window.identify', { via: 'reader' });
      const waiting = (await call('window.visits', { ticket: person.ticket })) as { visitId: string }[];
      const visit = waiting.find((v) => v.visitId.includes(tag) && !tried.has(v.visitId));
      if (!visit) break;
      tried.add(visit.visitId);
      let pre: { preId: string; patientDue: string; online?: boolean };
      try {
        pre = await call('window.preSettle', { ticket: person.ticket, visitId: visit.visitId });
      } catch (err) {
        // Offline, a person whose insurance type the pack has no rule for is settled by the network only: the visit waits.
        if (!String(err).includes('NO_POLICY_FOR_TYPE')) throw err;
        continue;
      }
      try {
        const done = await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: pre.patientDue } });
        ids.push(done.settlementId);
      } catch (err) {
        // Offline, a visit above the offline limits is refused: it stays waiting.
        if (pre.online || !String(err).includes('OFFLINE_LIMIT')) throw err;
      }
    }
  }
  return ids;
}

/**
 * Makes the template store in `dir`: `rounds` rounds of the six demo visits settled online, one
 * settlement in twelve cancelled online, then one round settled with the network down.
 */
export async function makeTemplates(dir: string, rounds: number, log: (m: string) => void): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const app = await openApp(dir);
  try {
    const call = await cashier(app);
    const settled: string[] = [];
    for (let i = 0; i < rounds; i++) {
      settled.push(...(await settleDemoVisits(app, call, `T${i}`)));
      log(`templates: ${settled.length} settled online`);
    }
    for (let i = 5; i < settled.length; i += 12) {
      await call('window.cancel', { settlementId: settled[i], reason: '收费错误，重新结算', password: CASHIER.password });
    }
    await call('network.sim.offline', { offline: true });
    const offline = await settleDemoVisits(app, call, 'TOFF');
    log(`templates: ${offline.length} settled offline`);
    const states = app.ctx.db.prepare('SELECT COUNT(*) AS n FROM settlements').get() as { n: number };
    if (states.n < settled.length + offline.length) throw new Error('template settlements missing');
  } finally {
    await app.close();
  }
  if (!fs.existsSync(path.join(dir, 'settle.db'))) throw new Error('template store not written');
}
