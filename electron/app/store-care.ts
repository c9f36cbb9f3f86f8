// Care of the local store while the app runs: the daily database check and automatic backup
// (store/auto-backup.ts) on a timer, their setup calls, and `app.health` for the status bar. A
// check that fails puts a plain message with the offer of the last good backup on the health
// board; every backup (daily or by hand) is handed to the backup hooks (the audit anchor).
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { StoreCareView } from '../api/contract';
import { bool, int, none, obj, str, v } from '../api/validate';
import { AppFailure } from '../core/result';
import { readAutoBackup, readDailyState, runDaily, writeAutoBackup, type DailyState } from '../store/auto-backup';
import { backupFolders, corruptMessage, lastGoodBackup } from '../store/recovery';
import { realPathOf } from '../his/drop/folder';
import { healthOf } from '../platform/health';
import { DISK_FULL_MESSAGE } from '../core/disk-full';

/** Called with every fresh backup file (daily or by hand). */
export type BackupHook = (file: string) => void;
export type BackupHooks = BackupHook[];

const DAILY_TICK_MS = 10 * 60_000;

export function runBackupHooks(ctx: AppContext, hooks: BackupHooks, file: string): void {
  for (const hook of hooks) {
    try {
      hook(file);
    } catch (err) {
      ctx.log.error(`backup hook failed for ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function view(ctx: AppContext): StoreCareView {
  const setup = readAutoBackup(ctx.settings, ctx.dataDir);
  const s = readDailyState(ctx.settings);
  if (!s) return setup;
  return {
    ...setup,
    last: { day: s.day, checkedAt: s.checkedAt, checkOk: s.check === 'ok', backupFile: s.backupFile, backupAt: s.backupAt, backupError: s.backupError },
  };
}

/** The daily check and backup; a failed check goes on the health board with the backup offer. */
export async function dailyCare(ctx: AppContext, hooks: BackupHooks, force = false): Promise<DailyState> {
  const deps = { db: ctx.db, settings: ctx.settings, dataDir: ctx.dataDir, now: () => ctx.now(), afterBackup: (f: string) => runBackupHooks(ctx, hooks, f) };
  const { state, ran } = await runDaily(deps, force);
  const health = healthOf(ctx);
  if (state.check !== 'ok') {
    health.set('DB_CORRUPT', corruptMessage(lastGoodBackup(backupFolders(ctx.dataDir)), false));
    if (ran) ctx.log.error(`database check failed: ${state.check}`);
  } else health.clear('DB_CORRUPT');
  if (ran && state.backupError) ctx.log.error(`daily backup failed: ${state.backupError}`);
  if (ran && state.backupFile) ctx.log.info(`daily backup written: ${state.backupFile}`);
  return state;
}

/** Below this the data folder's disk counts as full (a receipt PDF, a day's log, the WAL need room). */
export const LOW_DISK_BYTES = 5 * 1024 * 1024;

/** Looks at the free space of the data folder's disk: full sets DISK_FULL, room again clears it. */
export function checkDisk(ctx: AppContext) {
  const health = healthOf(ctx);
  let free: number;
  try {
    const st = fs.statfsSync(ctx.dataDir);
    free = st.bavail * st.bsize;
  } catch {
    return health;
  }
  if (free < LOW_DISK_BYTES) health.set('DISK_FULL', `磁盘已满（剩余 ${(free / 1024 / 1024).toFixed(1)} MB），结算和收据可能无法保存。请立即清理磁盘空间或联系技术人员。`);
  else if (free >= 2 * LOW_DISK_BYTES) health.clear('DISK_FULL');
  return health;
}

function checkFolder(ctx: AppContext, folder: string): void {
  const refuse = (message: string) => {
    throw new AppFailure({ code: 'VALIDATION', message, field: 'folder', detail: `backup folder refused: ${folder}` });
  };
  if (!path.isAbsolute(folder)) refuse('请填写备份文件夹的完整路径');
  const drop = ctx.settings.read('his.drop', v.looseObject({ folder: v.optional(v.string()) }))?.folder ?? path.join(ctx.dataDir, 'his-drop');
  if (realPathOf(folder) === realPathOf(drop)) refuse('备份文件夹不能是 HIS 接收文件夹（其中的文件会被当作导入文件移走）');
}

export function installStoreCare(ctx: AppContext, d: Dispatcher, hooks: BackupHooks): void {
  d.setDiskFullSink(() => healthOf(ctx).set('DISK_FULL', DISK_FULL_MESSAGE));
  d.register('app.health', { role: 'public', input: none(), run: () => ({ problems: checkDisk(ctx).list() }) });
  d.register('setup.autoBackup.get', { role: 'technician', input: none(), run: () => view(ctx) });
  d.register('setup.autoBackup.set', {
    role: 'technician',
    input: obj({ enabled: bool(), folder: str({ min: 1, max: 1000 }), keepDays: int({ min: 1, max: 3650 }) }),
    audit: (i) => `自动备份：${i.enabled ? '开启' : '关闭'}，文件夹 ${i.folder}，保留 ${i.keepDays} 天`,
    run: (i) => {
      checkFolder(ctx, i.folder);
      try {
        writeAutoBackup(ctx.settings, ctx.dataDir, i);
      } catch (err) {
        throw new AppFailure({ code: 'FOLDER', message: `无法使用该备份文件夹：${(err as Error).message}`, field: 'folder', detail: String(err) });
      }
      return view(ctx);
    },
  });
  d.register('setup.dbCheck', { role: 'technician', input: none(), run: async () => (await dailyCare(ctx, hooks, true), view(ctx)) });
  if (ctx.mode === 'test' || ctx.mode === 'cli') return;
  const tick = () => void dailyCare(ctx, hooks).catch((err) => ctx.log.error(`daily store care failed: ${String(err)}`));
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, DAILY_TICK_MS);
  first.unref();
  timer.unref();
  ctx.onClose(() => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
