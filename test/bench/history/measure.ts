// The calls whose cost must not grow with the years stored, timed on one history store through
// the running app (its dispatcher and services, as the screens call them): today's
// reconciliation, an online cancellation, the settlement search by person and for a month, the
// receipt search by name, the queue status; and what the store weighs per settlement.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunningApp } from '../../../electron/app/compose';
import { backupTo } from '../../../electron/store/backup';
import { demoVisits } from '../../../electron/his/demo/visits';
import { makePersons, PROBE_NAME } from './persons';
import { CASHIER, TODAY, cashier, openApp } from './templates';

type Call = (m: string, input?: unknown) => Promise<any>;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number) => Math.round(n * 100) / 100;

async function timed(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm: statements prepared, pages read once
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return round(median(times));
}

/** The longest the event loop was blocked (ms) while `fn` ran. */
export async function blocked<T>(fn: () => Promise<T>): Promise<{ value: T; maxMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    const value = await fn();
    return { value, maxMs: round(h.max / 1e6) };
  } finally {
    h.disable();
  }
}

/** Settles one outpatient visit of a demo person online at the window; returns its settlement id. */
async function settleOne(app: RunningApp, call: Call, tag: string): Promise<string> {
  const visit = demoVisits(app.ctx.now(), tag).find((v) => v.hisVisitId === `MZ${tag}01`)!;
  if (!app.services.his.service.receiveAll([visit], 'api').ok) throw new Error('visit refused');
  await call('window.demo.insertCard', { personKey: 'ordinary' });
  const person = await call('window.identify', { via: 'reader' });
  const pre = await call('window.preSettle', { ticket: person.ticket, visitId: visit.hisVisitId });
  const done = await call('window.settle', { ticket: person.ticket, preId: pre.preId, accountPay: '0.00', payment: { kind: 'cash', tendered: pre.patientDue } });
  if (done.state !== 'confirmed') throw new Error(`settlement ${done.settlementId} not confirmed online (${done.state})`);
  return done.settlementId;
}

/** Waits (a minute at most) until the forwarder has nothing left to send: the figures are the calls' own. */
async function idle(app: RunningApp): Promise<void> {
  const f = app.services.settlement.forwarder;
  for (let i = 0; i < 120 && (f.busy || f.status().unsentMessages > 0); i++) await new Promise((r) => setTimeout(r, 500));
}

export function liveBytes(app: RunningApp): { bytes: number; settlements: number } {
  const db = app.ctx.db;
  const page = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const n = (db.prepare("SELECT COUNT(*) AS n FROM settlements WHERE kind = 'settlement'").get() as { n: number }).n;
  return { bytes: (pages - free) * page, settlements: n };
}

export interface StoreFigures {
  open_s: number;
  reconcile_day_ms: number;
  reconcile_block_max_ms: number;
  cancel_ms: number;
  search_person_ms: number;
  receipt_search_name_ms: number;
  search_month_ms: number;
  queue_status_ms: number;
  bytes_per_settlement: number;
  backup_s?: number;
}

export async function measureStore(dir: string, o: { backup: boolean; log: (m: string) => void }): Promise<StoreFigures> {
  const t0 = performance.now();
  const app = await openApp(dir);
  try {
    await app.services.recovery;
    const open_s = round((performance.now() - t0) / 1000);
    const call = await cashier(app);
    await idle(app);
    const service = app.services.settlement.service;
    const probe = makePersons(1)[0];
    if (service.search({ personNo: probe.personNo, limit: 200 }).length === 0) throw new Error('the probe person has no settlements');
    if (((await call('receipt.search', { name: PROBE_NAME })) as unknown[]).length === 0) throw new Error('no receipt found by the probe name');
    const reconcile = await blocked(() => timed(5, () => call('reconcile.run', { from: TODAY, to: TODAY })));
    o.log(`  reconcile ${reconcile.value} ms`);
    const cancels: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await settleOne(app, call, `B${Date.now().toString(36)}${i}`);
      const t = performance.now();
      await service.cancel(id, '收费错误，重新结算', CASHIER.id);
      cancels.push(performance.now() - t);
    }
    await idle(app);
    const figures: StoreFigures = {
      open_s,
      reconcile_day_ms: reconcile.value,
      reconcile_block_max_ms: reconcile.maxMs,
      cancel_ms: round(median(cancels)),
      search_person_ms: await timed(9, () => service.search({ personNo: probe.personNo, limit: 200 })),
      receipt_search_name_ms: await timed(9, () => call('receipt.search', { name: PROBE_NAME })),
      search_month_ms: await timed(9, () => service.search({ from: '2018-03-01', to: '2018-03-31', limit: 200 })),
      queue_status_ms: await timed(20, () => call('queue.status')),
      bytes_per_settlement: 0,
    };
    const live = liveBytes(app);
    figures.bytes_per_settlement = Math.round(live.bytes / live.settlements);
    if (o.backup) {
      const out = path.join(fs.mkdtempSync(path.join(path.dirname(dir), 'backup-')), 'settle.bak');
      const t = performance.now();
      await backupTo(app.ctx.db, out);
      figures.backup_s = round((performance.now() - t) / 1000);
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
    return figures;
  } finally {
    await app.close();
  }
}

/** queue.status with `messages` queued while the network is down, and the longest event-loop stall meanwhile. */
export async function measureQueue(dir: string, seconds: number): Promise<{ status_ms: number; heads_ms: number; stall_max_ms: number; queued: number }> {
  // A network that refuses every connection: the forwarder keeps trying, the queue waits.
  const app = await openApp(dir, 'http://127.0.0.1:9/fsi/api/rsfComIfsService/callService');
  try {
    await app.services.recovery;
    const call = await cashier(app);
    const status = await call('queue.status');
    // What the forwarder's pump asks the outbox for: as many persons' next messages as it has free workers.
    const outbox = app.services.settlement.repos.outbox;
    const heads_ms = await timed(20, () => outbox.heads(8, () => false, Date.now()).due);
    const run = await blocked(async () => {
      const times: number[] = [];
      const end = performance.now() + seconds * 1000;
      let drained = false;
      while (performance.now() < end) {
        const t = performance.now();
        await call('queue.status');
        times.push(performance.now() - t);
        if (!drained && performance.now() > end - (seconds * 1000) / 2) {
          drained = true;
          await call('queue.drainNow');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return round(median(times));
    });
    return { status_ms: run.value, heads_ms, stall_max_ms: run.maxMs, queued: status.unsentMessages };
  } finally {
    await app.close();
  }
}
