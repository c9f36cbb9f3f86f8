// Where the HIS drop folder may be. The watcher moves every file it finds into done/ or failed/,
// so a drop folder that is the data folder, holds it, or lies inside it would carry off the live
// database, receipts or backups. Paths are compared after resolving symbolic links (and, on
// Windows, case), so a link or another spelling cannot get around the rule. The one folder
// inside the data folder that is allowed is the app's own default, DATA_DIR/his-drop.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_DROP_SUBFOLDER = 'his-drop';

/** The real path of `p`: symbolic links of its existing part resolved, the rest appended. */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

function norm(p: string, platform: NodeJS.Platform): string {
  const n = path.resolve(p);
  return platform === 'win32' || platform === 'darwin' ? n.toLowerCase() : n;
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why `folder` cannot be the drop folder of the app whose data folder is `dataDir` (Chinese), or undefined. */
export function dropFolderProblem(folder: string, dataDir: string, platform = process.platform): string | undefined {
  const f = norm(realPathOf(folder), platform);
  const d = norm(realPathOf(dataDir), platform);
  if (f === d) return '接收文件夹不能是本程序的数据文件夹（其中的数据库会被当作导入文件移走）';
  if (within(d, f)) return '接收文件夹不能是数据文件夹的上级文件夹，请另选一个专用的空文件夹';
  if (within(f, d) && f !== norm(path.join(d, DEFAULT_DROP_SUBFOLDER), platform)) {
    return `接收文件夹不能位于数据文件夹之内（数据文件夹中只允许默认的 ${DEFAULT_DROP_SUBFOLDER} 文件夹），请另选一个专用文件夹`;
  }
  return undefined;
}
