// "The disk is full", recognised the same way everywhere (pure: error codes only).

/** What the user reads when the disk is full (the app stays up; nothing half-written is kept). */
export const DISK_FULL_MESSAGE = '磁盘已满，本次操作未能保存。请立即清理磁盘空间或联系技术人员，清理后重试。';

/** ENOSPC / EDQUOT from the file system, SQLITE_FULL from SQLite. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}
