// Foundation calls: app info, the institution setup, backup and restore.
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import { dailyCare, installStoreCare, runBackupHooks, type BackupHooks } from './store-care';
import { readAutoBackup, type DailyState } from '../store/auto-backup';
import type { BackupInfo } from '../api/contract';
import { none, obj, oneOf, str } from '../api/validate';
import { backupTo, stageRestore } from '../store/backup';
import { schemaVersion } from '../store/db';
import { INSTITUTION_KEY, getInstitution } from '../platform/institution';
import { AppFailure } from '../core/result';

export const APP_VERSION = '0.1.0';

export const institutionInput = obj({
  code: str({ min: 1, max: 30, pattern: /^[A-Z0-9]+$/ }),
  name: str({ min: 1, max: 100 }),
  level: oneOf(['village', 'township', 'county', 'city', 'province'] as const),
  region: str({ pattern: /^\d{6}$/ }),
  terminalNo: str({ pattern: /^\d{2}$/ }),
});

function backupsDir(ctx: AppContext): string {
  return path.join(ctx.dataDir, 'backups');
}

/** Backups by hand (DATA_DIR/backups) and automatic ones (the chosen folder), newest first. */
function listBackups(ctx: AppContext): BackupInfo[] {
  const dirs = [...new Set([backupsDir(ctx), readAutoBackup(ctx.settings, ctx.dataDir).folder])];
  return dirs
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.db'))
        .map((f) => {
          const st = fs.statSync(path.join(dir, f));
          return { file: path.join(dir, f), bytes: st.size, createdAt: st.mtime.toISOString() };
        }),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** What the foundation offers: hooks called with every fresh backup file (the audit anchor), the daily care now. */
export interface FoundationServices {
  onBackup(hook: (file: string) => void): void;
  /** The daily database check and backup (once a day; `force`: now). */
  dailyCare(force?: boolean): Promise<DailyState>;
}

export function installFoundation(ctx: AppContext, d: Dispatcher): FoundationServices {
  const hooks: BackupHooks = [];
  installStoreCare(ctx, d, hooks);
  d.register('app.info', {
    role: 'public',
    input: none(),
    run: () => ({
      name: '一站式结算窗口',
      version: APP_VERSION,
      mode: ctx.mode === 'electron' ? 'electron' : 'browser',
      dataDir: ctx.dataDir,
      schemaVersion: schemaVersion(ctx.db),
      storeId: ctx.storeId,
      now: ctx.now().toISOString(),
    }),
  });
  d.register('setup.institution.get', { role: 'any', input: none(), run: () => getInstitution(ctx) });
  d.register('setup.institution.set', {
    role: 'technician',
    input: institutionInput,
    audit: (i) => `机构信息：${i.code} 级别 ${i.level} 窗口 ${i.terminalNo}`,
    run: (input) => {
      ctx.settings.set(INSTITUTION_KEY, input);
      return input;
    },
  });
  d.register('setup.backup', {
    role: 'technician',
    input: none(),
    audit: (_i, o) => `已备份：${o.file}`,
    run: async () => {
      const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
      const out = await backupTo(ctx.db, path.join(backupsDir(ctx), `backup-${stamp}.db`));
      runBackupHooks(ctx, hooks, out.file);
      ctx.log.info(`backup written: ${out.file} (${out.bytes} bytes)`);
      return { ...out, createdAt: ctx.now().toISOString() };
    },
  });
  d.register('setup.backups', { role: 'technician', input: none(), run: () => listBackups(ctx) });
  d.register('setup.restore', {
    role: 'administrator',
    input: obj({ file: str({ min: 1, max: 1000 }) }),
    audit: (i) => `恢复（下次启动生效）：${i.file}`,
    run: ({ file }) => {
      if (!path.isAbsolute(file)) {
        throw new AppFailure({ code: 'VALIDATION', message: '请填写备份文件的完整路径', field: 'file', detail: 'restore path must be absolute' });
      }
      const info = stageRestore(ctx.dataDir, file);
      ctx.log.warn(`restore staged from ${file} (schema ${info.schemaVersion}); applied at next start`);
      return { restoredSchemaVersion: info.schemaVersion };
    },
  });
  return { onBackup: (hook) => void hooks.push(hook), dailyCare: (force) => dailyCare(ctx, hooks, force) };
}
