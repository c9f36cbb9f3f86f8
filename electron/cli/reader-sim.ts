// Start a simulated reader by hand: `npx tsx electron/cli/reader-sim.ts <rsr1|ga467|qr> [flags]`.
//   --pty               start socat and serve its device end; prints "host: PATH" (open that one)
//   --port PATH         serve an existing serial/pty path instead (e.g. one end of your own socat)
//   --person KEY        demo person on the card (electron/demo/persons.ts); default the first
//   --no-card           start with no card inserted
//   --delay MS          slow replies; --garble N spoils every Nth reply; --silent never answers
//   --mute              card does not answer reset (upside down); --foreign: not a social security card
//   --get-response      READ RECORD answered 61xx (T=0 style); --name-length N makes a fixed Le see 6Cxx
// Then type on stdin: `insert [KEY]`, `remove`, `scan [KEY|CODE]` (qr), `quit`.
import { createInterface } from 'node:readline';
import { parseArgs, intFlag, stringFlag } from './args';
import { DEMO_PERSONS } from '../demo/persons';
import { openSerial } from '../../native/transport/serial';
import { ByteTransport } from '../../native/transport/types';
import { demoPerson, idCardContent, ssCardContent } from '../devices/demo-cards';
import { Ga467ReaderSim } from '../../native/sim/ga467-reader';
import { openPtyPair, PtyPair } from '../../native/sim/pty';
import { QrScannerSim } from '../../native/sim/qr-scanner';
import { Rsr1ReaderSim } from '../../native/sim/rsr1-reader';
import { SimSsCard, SimCardOptions } from '../../native/sim/sscard';

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    strings: ['port', 'baud', 'delay', 'garble', 'name-length', 'person'],
    booleans: ['pty', 'silent', 'mute', 'foreign', 'get-response', 'no-card'],
    positionals: true,
  });
  const kind = args.positional[0];
  if (!kind || !['rsr1', 'ga467', 'qr'].includes(kind)) {
    process.stderr.write('usage: npx tsx electron/cli/reader-sim.ts <rsr1|ga467|qr> (--pty | --port PATH) [flags]\n');
    return 2;
  }
  let pty: PtyPair | undefined;
  let path = stringFlag(args, 'port');
  if (!path) {
    pty = await openPtyPair();
    path = pty.device;
  }
  const transport: ByteTransport = await openSerial({ path, baudRate: intFlag(args, 'baud', 115200) });
  const simOpts = {
    delayMs: intFlag(args, 'delay', 0),
    garbleEvery: intFlag(args, 'garble', 0),
    silent: args.flags.has('silent'),
  };
  const cardOpts: SimCardOptions = {
    mute: args.flags.has('mute'),
    foreign: args.flags.has('foreign'),
    getResponse: args.flags.has('get-response'),
    nameLength: intFlag(args, 'name-length', 30),
  };
  const rsr1 = kind === 'rsr1' ? new Rsr1ReaderSim(simOpts).attach(transport) : undefined;
  const ga467 = kind === 'ga467' ? new Ga467ReaderSim(simOpts).attach(transport) : undefined;
  const qr = kind === 'qr' ? new QrScannerSim().attach(transport) : undefined;
  const insert = (key?: string) => {
    const p = demoPerson(key ?? stringFlag(args, 'person'));
    rsr1?.insert(new SimSsCard(ssCardContent(p), cardOpts));
    ga467?.place(idCardContent(p));
    return p;
  };
  if (!args.flags.has('no-card') && kind !== 'qr') process.stderr.write(`card: ${insert().key}\n`);
  process.stdout.write(pty ? `host: ${pty.host}\n` : `serving ${path}\n`);

  const stop = async () => {
    await transport.close().catch(() => undefined);
    await pty?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [cmd, arg] = line.trim().split(/\s+/);
    try {
      if (cmd === 'insert') process.stderr.write(`card: ${insert(arg).key}\n`);
      else if (cmd === 'remove') {
        rsr1?.remove();
        ga467?.remove();
        process.stderr.write('card removed\n');
      } else if (cmd === 'scan' && qr) {
        const p = DEMO_PERSONS.find((x) => x.key === arg);
        void qr.scan(p ? p.eVoucherCode : arg ?? demoPerson(stringFlag(args, 'person')).eVoucherCode);
      } else if (cmd === 'quit') void stop();
      else if (cmd) process.stderr.write('commands: insert [KEY] | remove | scan [KEY|CODE] | quit\n');
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
    }
  });
  rl.on('close', () => {
    // stdin closed (e.g. started in the background): keep serving until a signal.
  });
  return new Promise<number>(() => undefined);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`simulator failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
