// Windows linked to one center on a real PostgreSQL (a throwaway cluster per test file, a fresh
// database per test), each window the settle area over its own SQLite file (test/settlement/helpers).
import crypto from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../electron/platform/logger';
import { DEFAULT_INSTITUTION } from '../../electron/platform/institution';
import { CenterLink } from '../../electron/center/link';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/store/db';
import { MsgIdSource, SqliteMessageLog, createNetworkClient, type NetworkClient } from '../../electron/network/client';
import { harness, type Harness } from '../settlement/helpers';
import type { PgCluster } from './pg-cluster';

let dbSeq = 0;

/** A fresh, empty database on the cluster; its URL. */
export async function freshDatabase(cluster: PgCluster): Promise<string> {
  dbSeq += 1;
  const name = `c${process.pid}_${dbSeq}`;
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url.replace(/\/[^/]+$/, `/${name}`);
}

export interface LinkedWindow {
  h: Harness;
  link: CenterLink;
  windowId: string;
  terminal: { no: string };
  close(): Promise<void>;
}

/** A window (settle area + its center link) wanting terminal `terminalNo`. */
export function linkedWindow(networkUrl: string | undefined, centerUrl: string, terminalNo = '01', o: { pollMs?: number } = {}): LinkedWindow {
  const h = harness(networkUrl);
  const windowId = crypto.randomUUID();
  const terminal = { no: terminalNo };
  const link = new CenterLink({
    db: h.db, log: silentLogger, now: () => new Date(), url: centerUrl, windowId,
    institution: () => ({ code: DEFAULT_INSTITUTION.code, name: `窗口${terminal.no}`, terminalNo: terminal.no }),
    adoptTerminal: (no) => (terminal.no = no),
    settled: (ref) => h.repos.settlements.claimOf(ref) !== undefined,
    pollMs: o.pollMs ?? 50,
  });
  return {
    h, link, windowId, terminal,
    async close() {
      await link.close();
      await h.close();
    },
  };
}

/** One query's rows on the center. */
export async function centerRows<T extends pg.QueryResultRow>(url: string, sql: string, args: unknown[] = []): Promise<T[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query<T>(sql, args)).rows;
  } finally {
    await c.end();
  }
}

/**
 * A network client for the center-wide reconciliation (terminal 99, its own msgid store), with a
 * timeout that a loaded machine does not reach: 3202 uploads and downloads a file of every row.
 */
export function reconcileClient(networkUrl: string): NetworkClient {
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'center-rec-')), 'msgids.db'));
  const inst = DEFAULT_INSTITUTION;
  return createNetworkClient(
    {
      endpoint: networkUrl, institutionCode: inst.code, institutionName: inst.name, region: inst.region, receiverSystemCode: 'MBS_LOCAL',
      interfaceVersion: 'V1.0', operatorType: '1', operatorCode: 'T99', operatorName: '对账', terminalNo: '99', timeoutMs: 30_000, connectTimeoutMs: 5000,
    },
    { msgids: new MsgIdSource({ db, institutionCode: inst.code, terminalNo: '99' }), log: new SqliteMessageLog(db) },
  );
}

