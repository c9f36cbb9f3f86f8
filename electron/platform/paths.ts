// Where the window keeps its data when no --data-dir is given: a per-user folder.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'settle-window';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SETTLE_DATA_DIR) return env.SETTLE_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), APP_FOLDER);
}

/** The project root (where package.json, policies/ and dist/ live), from source or from dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (require('node:fs').existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('project root not found');
}
