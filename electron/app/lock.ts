// One running app per data dir: a lock file holding the pid. A stale lock (dead pid) is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../core/result';

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'app.lock');
}

/** A killed process whose parent never reaped it stays a zombie; on Linux that counts as dead. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the app running on this data dir, if any. */
export function runningPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(lockPath(dataDir), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const other = runningPid(dataDir);
  if (other) {
    throw new AppFailure({
      code: 'DATA_DIR_IN_USE',
      message: `该数据目录已被另一个正在运行的结算窗口使用（进程 ${other}）`,
      detail: `data dir ${dataDir} is locked by pid ${other}`,
    });
  }
  fs.writeFileSync(lockPath(dataDir), String(process.pid));
  return () => fs.rmSync(lockPath(dataDir), { force: true });
}
