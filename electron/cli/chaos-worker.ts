// The chaos run's worker process (bundled to dist/ by `chaos`, so restarts are fast): settles
// visits 1..N of the run against the simulator and forwards them, printing
// `COMMITTED <settlementId> <visitRef>` (synchronously, to the pipe) right after each commit.
// The parent kills it with SIGKILL at random moments; with --kill-hook it kills itself at the
// n-th passage of a point of the forwarder (after the msgid was stored, after the answer came) or
// right after a settlement's commit. With --drain it settles what is left, drains the queue and exits.
// With --center URL the worker is one window of a center: it registers there with --terminal and
// --window-id, holds each visit's amount center-wide against the per-person day limit before
// settling (a refused visit is reported REFUSED and left unsettled), and replicates to the center;
// with --drain it also empties its center outbox.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, intFlag, requireFlag, stringFlag } from './args';
import { openDatabase } from '../store/db';
import { SettingsRepo } from '../store/settings';
import { createFileLogger } from '../platform/logger';
import { DEFAULT_INSTITUTION } from '../platform/institution';
import { PolicyRegistry } from '../policy/store';
import { MsgIdSource, SqliteMessageLog, createNetworkClient } from '../network/client';
import { visitClinical } from '../network/forwarder';
import { demoVisitSetup } from '../network/demo-setup';
import { createSettleCore } from '../settlement/core';
import { writeLimits } from '../settlement/limits';
import { AppFailure } from '../core/result';
import { chaosVisit } from './chaos-visits';
import { SettlementsRepo } from '../store/settlements';
import { chinaDate } from '../core/time';
import { dec, toFen } from '../core/money';

const say = (line: string) => fs.writeSync(1, line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function killSelf(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    strings: ['data', 'url', 'prefix', 'visits', 'pace', 'kill-hook', 'kill-after', 'center', 'window-id', 'terminal', 'day-limit'], booleans: ['drain'],
  });
  const dataDir = requireFlag(args, 'data');
  const url = requireFlag(args, 'url');
  const prefix = requireFlag(args, 'prefix');
  const visits = intFlag(args, 'visits', 10);
  const pace = intFlag(args, 'pace', 50);
  const hook = stringFlag(args, 'kill-hook');
  const killAfter = intFlag(args, 'kill-after', 0);
  const drain = args.flags.has('drain');
  let passages = 0;
  const pass = (name: string) => {
    if (hook === name && ++passages >= killAfter) killSelf();
  };

  const db = openDatabase(path.join(dataDir, 'settle.db'));
  const settings = new SettingsRepo(db);
  const dayLimit = stringFlag(args, 'day-limit') ?? '1000000.00';
  writeLimits(settings, { perVisit: '100000.00', perPersonDay: dayLimit, differencePolicy: 'institution' });
  const inst = { ...DEFAULT_INSTITUTION, terminalNo: stringFlag(args, 'terminal') ?? DEFAULT_INSTITUTION.terminalNo };
  // One window of a center: its terminal number (and so its msgids) is the one the center gives.
  const centerUrl = stringFlag(args, 'center');
  const claims = new SettlementsRepo(db);
  // Loaded only for a center run: the center's client (pg) takes a good part of a start-up, and
  // the single-window run restarts the worker hundreds of times.
  const CenterLink = centerUrl ? (await import('../center/link.js')).CenterLink : undefined;
  const link = centerUrl && CenterLink
    ? new CenterLink({
      db, log: createFileLogger(path.join(dataDir, 'logs')), now: () => new Date(), url: centerUrl, windowId: requireFlag(args, 'window-id'),
      institution: () => inst, adoptTerminal: (no) => (inst.terminalNo = no), settled: (ref) => claims.claimOf(ref) !== undefined, pollMs: 100,
    })
    : undefined;
  if (link && !(await link.start(5000)) && link.terminalNo) inst.terminalNo = link.terminalNo;
  const msgids = new MsgIdSource({ db, institutionCode: inst.code, terminalNo: inst.terminalNo });
  const client = createNetworkClient(
    {
      endpoint: url, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL',
      interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'CHAOS', operatorName: '混沌测试', terminalNo: inst.terminalNo,
      timeoutMs: 2000, connectTimeoutMs: 500,
    },
    { msgids, log: new SqliteMessageLog(db) },
  );
  const visit = demoVisitSetup();
  const core = createSettleCore({
    db, settings, log: createFileLogger(path.join(dataDir, 'logs')), now: () => new Date(),
    policies: new PolicyRegistry(dataDir), institution: () => inst, client: () => client,
    nextMsgid: (infno) => msgids.nextSync(infno),
    clinical: (doc) => visitClinical(doc, { setup: visit }),
    forwarder: {
      concurrency: 4, baseDelayMs: 20, maxDelayMs: 250, requestTimeoutMs: 2000,
      hooks: { afterBegin: () => pass('afterBegin'), afterAnswer: () => pass('afterAnswer') },
    },
    onlineWaitMs: 0,
    // Settled online, the settlement goes to the network before the commit: killed at the same points.
    online: { requestTimeoutMs: 2000, resolveWaitMs: 2000, hooks: { afterBegin: () => pass('afterBegin'), afterAnswer: () => pass('afterAnswer') } },
  });
  core.forwarder.start();
  void core.service.online.resumeOpen();
  /** The visit's amount held center-wide (as if it went offline): false when the person's day would pass the limit. */
  const held = async (personNo: string, ref: string, totalFen: number): Promise<boolean> => {
    if (!link) return true;
    const day = chinaDate(new Date());
    const r = await link.holdOffline({ personNo, day, visitRef: ref, fen: totalFen, ownDayFen: core.repos.ytd.offlineTotalFen(personNo, day), limitFen: toFen(dec(dayLimit)) });
    return !r.refusal;
  };
  say('READY');

  for (let i = 1; i <= visits; i++) {
    const v = chaosVisit(prefix, i);
    if (core.repos.settlements.claimOf(v.ref)) continue;
    const card = { personNo: v.person.personNo, certType: 'ssCard' as const, certNo: v.person.card.cardNumber };
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await core.service.lookupPerson({ certType: 'ssCard', certNo: card.certNo, cardSn: v.person.card.cardId });
        if (link && !(await held(card.personNo, v.ref, v.lines.reduce((a, l) => a + toFen(dec(l.amount)), 0)))) {
          say(`REFUSED ${v.ref}`);
          break;
        }
        const s = await core.service.settle({
          person: card, visit: { ref: v.ref, source: 'manual', type: v.type, date: v.date, lines: v.lines },
          payment: { method: 'cash' }, operatorId: 'chaos',
        });
        say(`COMMITTED ${s.id} ${v.ref}`);
        pass('afterCommit');
        break;
      } catch (err) {
        if (err instanceof AppFailure && err.error.code === 'ALREADY_SETTLED') break;
        // A step of unknown outcome (the visit's upload, its settlement) holds the visit until the
        // network answers again: a cashier tries again later, so does the worker (for up to two minutes).
        if (attempt > 200 && Date.now() - started > 120_000) throw err;
        await sleep(30);
      }
    }
    await sleep(pace);
  }
  say('SETTLED-ALL');
  const deadline = Date.now() + (drain ? 300_000 : Infinity);
  const actionable = () => {
    const c = core.forwarder.status();
    return c.unsentMessages - c.dead - c.held;
  };
  while (actionable() > 0 && Date.now() < deadline) await sleep(50);
  const st = core.forwarder.status();
  if (drain && link) await link.drain(120_000);
  say(`DRAINED ${JSON.stringify(st)}`);
  if (!drain) {
    // Idle (forwarding whatever comes) until the parent kills the process; a timer keeps it alive.
    setInterval(() => {}, 1000);
    await new Promise(() => {});
  }
  await core.forwarder.stop();
  await link?.close();
  db.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`chaos worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
