// Shared test helpers of the network tests: a real SQLite store in a temp dir, a client wired to
// it, the strict platform simulator on loopback, and the visit data its dictionaries accept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/store/db';
import { chinaDateTime } from '../../../electron/core/time';
import {
  MsgIdSource, SqliteMessageLog, createNetworkClient, type CodeName, type FeeLineInput, type GatewayPlugin, type NetworkSetup, type PersonRef,
} from '../../../electron/network/client';
import { startPlatformSimulator, type PlatformSimulator, type PlatformSimulatorOptions } from '../../../electron/network/simulator';
import { demoChronicMap, demoIdentityMap } from '../../../electron/network/demo-setup';

export function tempDir(prefix = 'net-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempDb(): Db {
  return openDatabase(path.join(tempDir(), 'settle.db'));
}

export function demoSetup(endpoint: string, over: Partial<NetworkSetup> = {}): NetworkSetup {
  return {
    endpoint,
    institutionCode: 'H37030300123',
    institutionName: '淄博市张店区中埠镇卫生院',
    region: '370303',
    receiverSystemCode: 'MBS_LOCAL',
    interfaceVersion: 'V1.0',
    operatorType: '1',
    operatorCode: 'C001',
    operatorName: '王收款',
    terminalNo: '01',
    timeoutMs: 5000,
    ...over,
  };
}

// One store per test file, like one window: msgids of all clients of a file never collide.
// (Two stores with the same terminal number WOULD collide within a second: that is why the
// terminal number is part of the msgid.)
let shared: Db | undefined;

export function makeClient(endpoint: string, over: Partial<NetworkSetup> = {}, opts: { db?: Db; gateway?: GatewayPlugin; now?: () => Date } = {}) {
  const db = opts.db ?? (shared ??= tempDb());
  const setup = demoSetup(endpoint, over);
  const msgids = new MsgIdSource({ db, institutionCode: setup.institutionCode, terminalNo: setup.terminalNo, now: opts.now });
  const log = new SqliteMessageLog(db);
  const client = createNetworkClient(setup, { msgids, log, gateway: opts.gateway, now: opts.now });
  return { client, db, msgids, log, setup };
}

/** A client set up as a technician would for the built-in simulator (its identity and chronic codes mapped). */
export function simClient(sim: PlatformSimulator, over: Partial<NetworkSetup> = {}, opts: { db?: Db; now?: () => Date } = {}) {
  return makeClient(sim.url, { identityMap: demoIdentityMap(), chronicMap: demoChronicMap(), ...over }, opts);
}

const sims: PlatformSimulator[] = [];
/** The strict simulator on loopback (closed by closeSims). */
export async function startSim(o: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const s = await startPlatformSimulator({ port: 0, ...o });
  sims.push(s);
  return s;
}
export async function closeSims(): Promise<void> {
  while (sims.length) await sims.pop()!.close();
}

/** A doctor and department of the demo clinic, and a 科别 of the DEPT dictionary. */
export const DOCTOR: CodeName = { code: 'D0007', name: '刘建华' };
export const DEPT: CodeName = { code: 'MZ01', name: '全科门诊' };
export const CATY = 'A02';
export const DIAGNOSIS = { code: 'J06.900', name: '急性上呼吸道感染' };

/** Fee lines with the ordering doctor and department filled in. */
export function feeLines(prefix: string, ...defs: Pick<FeeLineInput, 'listCode' | 'hospCode' | 'quantity' | 'unitPrice'>[]): FeeLineInput[] {
  return defs.map((d, i) => ({ ...d, lineNo: `${prefix}-${i + 1}`, time: NOW(), dept: DEPT, doctor: DOCTOR }));
}

export const NOW = () => chinaDateTime(new Date());

export function refOf(p: { personNo: string; insutype: string; insuranceRegion: string }): PersonRef {
  return { personNo: p.personNo, insutype: p.insutype, insuranceRegion: p.insuranceRegion };
}

/** One line of each class as the simulator's catalog holds them (一般诊疗费 甲, 彩超 乙 0.20, 自费 冷敷贴 丙). */
export const LINE_A = { listCode: '001101000010000', hospCode: 'ZC0002', quantity: '1', unitPrice: '10.00' };
export const LINE_B = { listCode: '002202010030000', hospCode: 'JC0031', quantity: '1', unitPrice: '120.00' };
export const LINE_C = { listCode: 'CL0003', hospCode: 'CL0003', quantity: '3', unitPrice: '1.333' };
