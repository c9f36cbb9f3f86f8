// `restore --data-dir DIR --from FILE`: refuses a file that is not our database or is from a
// newer version; keeps the current database aside. If the app is running on DIR, the restore is
// staged and applied at its next start.
import path from 'node:path';
import { parseArgs, requireFlag, printJsonLine, type FlagSpec } from './args';
import { restoreInto, stageRestore } from '../store/backup';
import { runningPid } from '../app/lock';
import { AppFailure } from '../core/result';

export const summary = 'restore a data dir from a backup: --data-dir DIR --from FILE';
export const flags: FlagSpec = { strings: ['data-dir', 'from'] };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const dataDir = path.resolve(requireFlag(args, 'data-dir'));
  const from = path.resolve(requireFlag(args, 'from'));
  try {
    const pid = runningPid(dataDir);
    if (pid) {
      const info = stageRestore(dataDir, from);
      process.stderr.write(`结算窗口正在运行（进程 ${pid}），恢复将在下次启动时生效。\n`);
      printJsonLine({ ok: true, staged: true, schemaVersion: info.schemaVersion });
      return 0;
    }
    const result = restoreInto(dataDir, from);
    process.stderr.write(`恢复完成。${result.keptAside ? `原数据已另存为 ${result.keptAside}` : ''}\n`);
    printJsonLine({ ok: true, staged: false, schemaVersion: result.schemaVersion, keptAside: result.keptAside ?? null });
    return 0;
  } catch (err) {
    if (err instanceof AppFailure) {
      process.stderr.write(`恢复失败：${err.error.message}\nrestore refused: ${err.error.detail ?? err.error.code}\n`);
      return 2;
    }
    throw err;
  }
}
