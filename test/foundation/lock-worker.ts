// A start of the app reduced to its data-dir lock, driven line by line by lock.test.ts:
// "take DIR AT" spins until the wall clock reaches AT (ms) and takes the lock, answering
// "got" or "busy CODE"; "release" lets it go and answers "released".
import readline from 'node:readline';
import { acquireDataDirLock } from '../../electron/app/lock';
import { AppFailure } from '../../electron/core/result';

let release: (() => void) | undefined;
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const [cmd, dir, at] = line.split(' ');
  if (cmd === 'take') {
    const goAt = Number(at);
    while (Date.now() < goAt) {
      // spin: both workers leave this loop in the same millisecond
    }
    try {
      release = acquireDataDirLock(dir);
      process.stdout.write('got\n');
    } catch (err) {
      process.stdout.write(`busy ${err instanceof AppFailure ? err.error.code : String(err)}\n`);
    }
  } else if (cmd === 'release') {
    release?.();
    release = undefined;
    process.stdout.write('released\n');
  }
});
process.stdout.write('ready\n');
