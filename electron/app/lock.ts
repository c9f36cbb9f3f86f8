// One running app per data dir: a lock file holding the pid, created with an exclusive create
// (O_CREAT|O_EXCL), so of two starts at the same instant exactly one gets it. A stale lock (its
// pid dead) is taken over under a second exclusive "takeover" file, so two starts that both find
// the same stale lock cannot both replace it. A lock file still empty (its owner is between
// create and write) counts as held.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../core/result';

/** A takeover file older than this was left by a start that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;
/** A lock file that stays empty this long was left by a start that died right after creating it. */
const EMPTY_STALE_MS = 10_000;

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'app.lock');
}

function takeoverPath(dataDir: string): string {
  return path.join(dataDir, 'app.lock.takeover');
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

type Holder = { kind: 'none' } | { kind: 'pid'; pid: number; live: boolean } | { kind: 'starting' } | { kind: 'stale'; text: string };

/** "Now" on the file system's clock (a file just written), to compare with a file's mtime. */
function fileSystemNow(dataDir: string): number {
  const probe = path.join(dataDir, `.app.lock.clock-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    return fs.statSync(probe).mtimeMs;
  } catch {
    return Date.now();
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** Who holds the lock file now. */
function holder(dataDir: string): Holder {
  let text: string;
  let mtime: number;
  try {
    text = fs.readFileSync(lockPath(dataDir), 'utf8').trim();
    mtime = fs.statSync(lockPath(dataDir)).mtimeMs;
  } catch {
    return { kind: 'none' };
  }
  const pid = Number(text);
  if (text && Number.isSafeInteger(pid) && pid > 0) return { kind: 'pid', pid, live: pid === process.pid || alive(pid) };
  return fileSystemNow(dataDir) - mtime < EMPTY_STALE_MS ? { kind: 'starting' } : { kind: 'stale', text };
}

/** The pid of the app running on this data dir, if any (not this process). */
export function runningPid(dataDir: string): number | undefined {
  const h = holder(dataDir);
  return h.kind === 'pid' && h.live && h.pid !== process.pid ? h.pid : undefined;
}

function inUse(dataDir: string, pid?: number): never {
  throw new AppFailure({
    code: 'DATA_DIR_IN_USE',
    message: pid ? `该数据目录已被另一个正在运行的结算窗口使用（进程 ${pid}）` : '该数据目录已被另一个正在启动的结算窗口使用',
    detail: `data dir ${dataDir} is locked${pid ? ` by pid ${pid}` : ' by a starting instance'}`,
  });
}

/** Creates the lock file exclusively with our pid; false when it already exists. */
function createExclusive(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, String(process.pid));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Removes a stale lock, holding the takeover file; true when this start removed exactly what it saw. */
function takeOver(dataDir: string, seen: Holder): boolean {
  const t = takeoverPath(dataDir);
  try {
    if (Date.now() - fs.statSync(t).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(t, { force: true });
  } catch {
    // no takeover file
  }
  if (!createExclusive(t)) return false;
  try {
    const now = holder(dataDir);
    const same = (now.kind === 'pid' && seen.kind === 'pid' && now.pid === seen.pid && !now.live) || (now.kind === 'stale' && seen.kind === 'stale' && now.text === seen.text);
    if (same) fs.rmSync(lockPath(dataDir), { force: true });
    return same || now.kind === 'none';
  } finally {
    fs.rmSync(t, { force: true });
  }
}

/** Takes the data dir's lock or throws DATA_DIR_IN_USE; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(file)) {
      return () => {
        const h = holder(dataDir);
        if (h.kind === 'pid' && h.pid === process.pid) fs.rmSync(file, { force: true });
      };
    }
    const h = holder(dataDir);
    if (h.kind === 'pid' && h.live) inUse(dataDir, h.pid === process.pid ? undefined : h.pid);
    if (h.kind === 'starting') inUse(dataDir);
    if (h.kind !== 'none' && !takeOver(dataDir, h)) inUse(dataDir);
  }
  return inUse(dataDir);
}
