// What every area of the app receives: the data dir, the store, settings, the log and the clock.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { databasePath, schemaVersion, type Db } from '../store/db';
import { openStoreChecked } from '../store/recovery';
import { SettingsRepo, ensureStoreMeta } from '../store/settings';
import { applyPendingRestore, privateDir } from '../store/backup';
import { createFileLogger, type AppLogger } from './logger';
import { healthFor } from './health';
import { DISK_FULL_MESSAGE, isDiskFull } from '../store/files';

export interface StartOptions {
  dataDir: string;
  mode: 'electron' | 'browser' | 'cli' | 'test';
  /** Raw command-line flags, so each area reads its own (e.g. --his-port, --network). */
  flags?: Map<string, string | true>;
  echoLog?: boolean;
  now?: () => Date;
}

export interface AppContext {
  readonly dataDir: string;
  readonly db: Db;
  readonly settings: SettingsRepo;
  readonly log: AppLogger;
  readonly storeId: string;
  readonly mode: StartOptions['mode'];
  readonly flags: Map<string, string | true>;
  now(): Date;
  /** Registers cleanup (servers, timers); run in reverse order by close(). */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

export function createAppContext(opts: StartOptions): AppContext {
  const dataDir = path.resolve(opts.dataDir);
  privateDir(dataDir); // the database, backups, receipts and logs: for the user only
  const log = createFileLogger(path.join(dataDir, 'logs'), {
    echo: opts.echoLog,
    onError: (err) => isDiskFull(err) && healthFor(dataDir).set('DISK_FULL', DISK_FULL_MESSAGE),
  });
  if (applyPendingRestore(dataDir, log)) log.warn('applied a pending restore before opening the database');
  const db = openStoreChecked(dataDir); // a damaged database fails here, offering the last good backup
  const now = opts.now ?? (() => new Date());
  const meta = ensureStoreMeta(db, () => crypto.randomUUID(), now());
  log.info(`store opened: ${databasePath(dataDir)} schema ${schemaVersion(db)}`);
  const closers: (() => void | Promise<void>)[] = [];
  let closed = false;
  return {
    dataDir,
    db,
    settings: new SettingsRepo(db, now),
    log,
    storeId: meta.storeId,
    mode: opts.mode,
    flags: opts.flags ?? new Map(),
    now,
    onClose: (fn) => closers.push(fn),
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (err) {
          log.error(`close step failed: ${String(err)}`);
        }
      }
      db.close();
    },
  };
}

export function flag(ctx: AppContext, name: string): string | undefined {
  const v = ctx.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
