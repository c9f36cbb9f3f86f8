// `npm start [-- --data-dir DIR] [-- --port N] [-- --browser]`: runs the Electron app where the
// Electron binary exists, otherwise serves the same app to a browser at a printed address.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs, intFlag, stringFlag, UsageError } from './cli/args';
import { APP_FLAGS } from './app/flags';
import { defaultDataDir, projectRoot } from './platform/paths';
import { findElectronBinary } from './app/electron-binary';
import { startBrowserMode } from './app/browser-mode';
import { AppFailure } from './core/result';
import { acquireDataDirLock } from './app/lock';
import { DbCorruptFailure } from './store/recovery';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), APP_FLAGS);
  const dataDir = path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir());
  const port = intFlag(args, 'port', 5780);
  const root = projectRoot();
  const electronBin = args.flags.has('browser') ? undefined : findElectronBinary(root);
  const electronMain = path.join(root, 'dist', 'electron', 'main.js');
  if (electronBin && fs.existsSync(electronMain)) {
    const child = spawn(electronBin, [electronMain, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const releaseLock = acquireDataDirLock(dataDir);
  const running = await startBrowserMode({ dataDir, port, flags: args.flags });
  console.log(`一站式结算窗口已启动（浏览器模式）。请用浏览器打开：${running.host.url}`);
  console.log(`Settlement window running in browser mode at ${running.host.url} (data: ${dataDir})`);
  const stop = async () => {
    await running.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof AppFailure) console.error(`${err.error.message}\n(${err.error.detail ?? err.error.code})`);
  if (err instanceof DbCorruptFailure && err.backup) {
    console.error(`恢复方法 / to restore: npm run --silent cli -- restore --data-dir "${path.dirname(err.file)}" --from "${err.backup.file}"`);
  }
  else if (err instanceof UsageError) console.error(`start: ${err.message}`);
  else console.error(`启动失败 / start failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
