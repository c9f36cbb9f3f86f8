// The settle area over real parts: a SQLite file in a temp dir, the real (strict) platform
// simulator on loopback, the real client with the built-in network's demo setup (identity and
// chronic maps, visit data). `harness()` builds one window; `sim` is shared per test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/store/db';
import { SettingsRepo } from '../../electron/store/settings';
import { silentLogger } from '../../electron/platform/logger';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { PolicyRegistry, type LoadedPacks } from '../../electron/policy/store';
import { MsgIdSource, SqliteMessageLog, createNetworkClient, type NetworkClient } from '../../electron/network/client';
import { createSettleCore, type SettleCore, type SettleCoreOptions } from '../../electron/settlement/core';
import type { SettleRequest } from '../../electron/settlement/service';
import type { SettlementView } from '../../electron/api/contract';
import { visitClinical, type ForwarderOptions } from '../../electron/network/forwarder';
import { demoChronicMap, demoIdentityMap, demoVisitSetup } from '../../electron/network/demo-setup';
import { startPlatformSimulator, type PlatformSimulator, type PlatformSimulatorOptions } from '../../electron/network/simulator';

/** The strict platform simulator on loopback, its catalogs built before the first request needs them. */
export async function startSim(o: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const sim = await startPlatformSimulator({ port: 0, ...o });
  sim.platform.catalog();
  return sim;
}
import type { SettlementLineInput } from '../../electron/api/contract';
import { DEMO_PERSONS } from '../../electron/demo/persons';

export interface Harness extends SettleCore {
  db: Db;
  dir: string;
  settings: SettingsRepo;
  /** A fresh msgid of the window (as the client would store one before sending). */
  msgids(infno: string): string;
  /** The infno of every msgid the settle area (outbox, forwarder) allocated, in order. */
  allocated: string[];
  /** Points the window at `url` (or at nothing: the network is "down"). */
  setEndpoint(url: string | undefined): void;
  /** The window's network client (undefined while the network is "down"). */
  netClient(): NetworkClient | undefined;
  /**
   * A settlement taken while the network is down (the local engine settles, its steps queued),
   * then the network restored and the forwarder's replay started, waited for briefly (onlineWaitMs):
   * what the forwarder's tests drive.
   */
  settleQueued(input: SettleRequest): Promise<SettlementView>;
  close(): Promise<void>;
}

/** A closed loopback port: connections are refused (the network is down, requests certainly not sent). */
export const DEAD_URL = 'http://127.0.0.1:9/fsi/api/rsfComIfsService/callService';

let terminalSeq = Math.floor(Math.random() * 100);

export function harness(
  url: string | undefined,
  o: {
    forwarder?: ForwarderOptions; onlineWaitMs?: number; dir?: string; cancel?: { waitMs?: number; requestTimeoutMs?: number };
    online?: SettleCoreOptions['online'];
    /** The packs shipped with the app (default: those in policies/); packs in `dir`/policies are imported ones. */
    shipped?: LoadedPacks;
  } = {},
): Harness {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'settle-'));
  const db = openDatabase(path.join(dir, 'settle.db'));
  const now = () => new Date();
  const settings = new SettingsRepo(db, now);
  // Each window of a test file gets its own terminal number: msgids of two fresh databases on one
  // terminal would repeat within a second, and the network answers a repeated msgid with its first answer.
  terminalSeq = (terminalSeq + 1) % 100;
  const inst = { ...DEFAULT_INSTITUTION, terminalNo: String(terminalSeq).padStart(2, '0') };
  const msgids = new MsgIdSource({ db, institutionCode: inst.code, terminalNo: inst.terminalNo });
  let endpoint = url;
  let client: NetworkClient | undefined;
  const makeClient = () =>
    endpoint
      ? createNetworkClient(
          {
            endpoint, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL',
            interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'T01', operatorName: '测试收费员', terminalNo: inst.terminalNo,
            timeoutMs: 3000, connectTimeoutMs: 1000, identityMap: demoIdentityMap(), chronicMap: demoChronicMap(),
          },
          { msgids, log: new SqliteMessageLog(db) },
        )
      : undefined;
  const visit = demoVisitSetup();
  client = makeClient();
  const policies = new PolicyRegistry(dir, o.shipped);
  const allocated: string[] = [];
  const core: SettleCore = createSettleCore({
    db, settings, log: silentLogger, now, policies, institution: () => inst, client: () => client,
    nextMsgid: (infno) => {
      allocated.push(infno);
      return msgids.nextSync(infno);
    },
    clinical: (doc) => visitClinical(doc, { chronic: core.repos.persons.get(doc.person.personNo)?.data.chronic, setup: visit }),
    forwarder: { baseDelayMs: 50, maxDelayMs: 400, requestTimeoutMs: 3000, ...o.forwarder },
    onlineWaitMs: o.onlineWaitMs ?? 3000,
    cancel: o.cancel,
    online: o.online,
  });
  core.forwarder.start();
  return {
    ...core, db, dir, settings,
    msgids: (infno) => msgids.nextSync(infno),
    allocated,
    setEndpoint(u) {
      endpoint = u;
      client = makeClient();
    },
    netClient: () => client,
    async settleQueued(input) {
      const live = endpoint;
      const liveClient = client;
      endpoint = DEAD_URL;
      client = makeClient();
      core.forwarder.observe(false);
      let id: string;
      try {
        id = (await core.service.settle(input)).id;
      } finally {
        // The same client as before (its sign-in kept), as a network that comes back.
        endpoint = live;
        client = liveClient;
        core.forwarder.drainNow();
      }
      // As a window did when it settled through the queue: wait briefly for the network's confirmation.
      await core.forwarder.waitFor(id, o.onlineWaitMs ?? 3000);
      return core.service.get(id);
    },
    async close() {
      await core.forwarder.stop();
      db.close();
    },
  };
}

export const person = (key: string) => DEMO_PERSONS.find((p) => p.key === key)!;

/** A person's social security card: its number and card_sn (卡识别码, which 1101 requires with it). */
export function cardOf(key: string) {
  const p = person(key);
  return { personNo: p.personNo, certType: 'ssCard' as const, certNo: p.card.cardNumber, cardSn: p.card.cardId };
}

/** The 1101 lookup of a person by card. */
export function byCard(key: string) {
  const c = cardOf(key);
  return { certType: 'ssCard' as const, certNo: c.certNo, cardSn: c.cardSn };
}

/** Outpatient lines from the simulator's catalog (classes agree on both sides). */
export function outpatientLines(scale = 1): SettlementLineInput[] {
  const amt = (n: number) => (n * scale).toFixed(2);
  return [
    { code: '001101000010000', name: '一般诊疗费', amount: amt(10), class: 'A', category: '12', time: '2020-06-15 09:00:00' },
    { code: 'XJ01CAA046E001010100213', name: '阿莫西林', amount: amt(36.5), class: 'A', category: '09', time: '2020-06-15 09:05:00' },
    { code: 'XC10AAA199A001010101234', name: '阿托伐他汀', amount: amt(60), class: 'B', selfPayRatio: '0.10', category: '09', time: '2020-06-15 09:05:00' },
    { code: 'QT0002', name: '病历复印（自费）', amount: amt(5), class: 'C', category: '14', time: '2020-06-15 09:06:00' },
  ];
}

export function inpatientLines(): SettlementLineInput[] {
  return [
    { code: '001103000010000', name: '普通病房床位费', quantity: '5', unitPrice: '30.00', amount: '150.00', class: 'A', category: '01', time: '2020-06-10 10:00:00' },
    { code: '001201000020000', name: '二级护理', quantity: '5', unitPrice: '20.00', amount: '100.00', class: 'A', category: '07', time: '2020-06-11 10:00:00' },
    { code: 'XB05AAR001B001010101111', name: '人血白蛋白', amount: '1800.00', class: 'B', selfPayRatio: '0.30', category: '09', time: '2020-06-12 10:00:00' },
    { code: '002101020010000', name: 'CT平扫', amount: '450.00', class: 'B', selfPayRatio: '0.20', category: '03', time: '2020-06-12 15:00:00' },
    { code: 'CW0002', name: '单人间床位差价', amount: '200.00', class: 'C', category: '01', time: '2020-06-14 10:00:00' },
  ];
}

let visitSeq = 0;
export function visitRef(prefix = 'V'): string {
  visitSeq += 1;
  return `${prefix}${process.pid}${Date.now().toString(36)}${visitSeq}`;
}

export async function waitUntil(check: () => boolean, ms = 15000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
