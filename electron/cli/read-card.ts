// `npm run --silent cli -- read-card --port PATH [--baud N] [--timeout MS]` or `--hid PATH`:
// read a social security card through an RSR-1 reader and print its basic data as one JSON line.
import { DeviceError, toDeviceError } from '../../native/errors';
import { Rsr1Client } from '../../native/rsr1-client';
import { publicSsCardFields } from '../../native/sscard/decode';
import { readSsCard } from '../../native/sscard/read';
import { openHid } from '../../native/transport/hid';
import { openSerial } from '../../native/transport/serial';
import { ByteTransport } from '../../native/transport/types';
import { intFlag, parseArgs, printJsonLine, stringFlag, UsageError, type FlagSpec } from './args';

export const summary = 'read a social security card (RSR-1 reader): --port PATH [--baud N] | --hid PATH';
export const flags: FlagSpec = { strings: ['port', 'hid', 'baud', 'timeout'] };

export async function openReaderTransport(argv: string[], spec: FlagSpec): Promise<{ transport: ByteTransport; timeoutMs: number }> {
  const args = parseArgs(argv, spec);
  const allowHid = !!spec.strings?.includes('hid');
  const port = stringFlag(args, 'port');
  const hid = allowHid ? stringFlag(args, 'hid') : undefined;
  if (!port && !hid) throw new UsageError(allowHid ? 'give --port PATH (serial) or --hid PATH' : 'give --port PATH');
  if (port && hid) throw new UsageError('give either --port or --hid, not both');
  const timeoutMs = intFlag(args, 'timeout', 500);
  const transport = port ? await openSerial({ path: port, baudRate: intFlag(args, 'baud', 115200) }) : await openHid(hid as string);
  return { transport, timeoutMs };
}

export function reportFailure(command: string, err: unknown): number {
  const e = toDeviceError(err);
  process.stderr.write(`${command}: ${e.messageZh} [${e.code}: ${e.message}]\n`);
  return 1;
}

export async function run(argv: string[]): Promise<number> {
  let transport: ByteTransport | undefined;
  try {
    const opened = await openReaderTransport(argv, flags);
    transport = opened.transport;
    const reader = new Rsr1Client(transport, { timeoutMs: opened.timeoutMs, powerOnTimeoutMs: Math.max(1000, opened.timeoutMs) });
    const record = await readSsCard(reader);
    printJsonLine(publicSsCardFields(record));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return reportFailure('read-card', err instanceof DeviceError ? err : toDeviceError(err));
  } finally {
    await transport?.close().catch(() => undefined);
  }
}
