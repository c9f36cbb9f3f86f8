// Shared test helpers of the network tests: a real SQLite store in a temp dir, a client wired to it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/store/db';
import { chinaDateTime } from '../../../electron/core/time';
import {
  MsgIdSource, SqliteMessageLog, createNetworkClient, type GatewayPlugin, type NetworkSetup, type PersonRef,
} from '../../../electron/network/client';

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

export function makeClient(endpoint: string, over: Partial<NetworkSetup> = {}, opts: { db?: Db; gateway?: GatewayPlugin } = {}) {
  const db = opts.db ?? (shared ??= tempDb());
  const setup = demoSetup(endpoint, over);
  const msgids = new MsgIdSource({ db, institutionCode: setup.institutionCode, terminalNo: setup.terminalNo });
  const log = new SqliteMessageLog(db);
  const client = createNetworkClient(setup, { msgids, log, gateway: opts.gateway });
  return { client, db, msgids, log, setup };
}

export const NOW = () => chinaDateTime(new Date());

export function refOf(p: { personNo: string; insutype: string; insuranceRegion: string }): PersonRef {
  return { personNo: p.personNo, insutype: p.insutype, insuranceRegion: p.insuranceRegion };
}

export const LINE_A = { listCode: '001101000010000', hospCode: 'ZC0002', quantity: '1', unitPrice: '10.00', class: 'A' as const };
export const LINE_B = { listCode: 'XC10AAA199A001010101234', hospCode: 'YP0012', quantity: '6', unitPrice: '12.35', class: 'B' as const, selfPayRatio: '0.10' };
export const LINE_C = { listCode: 'CL0003', hospCode: 'CL0003', quantity: '3', unitPrice: '1.333', class: 'C' as const };
