// `npm run --silent cli -- read-idcard --port PATH [--baud N] [--timeout MS]`: read a resident ID
// card through a GA 467 reader (find, select, read text) and print the text fields as one JSON line.
import { Ga467Client } from '../../native/idcard/ga467-client';
import { ByteTransport } from '../../native/transport/types';
import { printJsonLine, UsageError, type FlagSpec } from './args';
import { openReaderTransport, reportFailure } from './read-card';

export const summary = 'read a resident ID card (GA 467 reader): --port PATH [--baud N]';
export const flags: FlagSpec = { strings: ['port', 'baud', 'timeout'] };

export async function run(argv: string[]): Promise<number> {
  let transport: ByteTransport | undefined;
  try {
    const opened = await openReaderTransport(argv, flags);
    transport = opened.transport;
    const reader = new Ga467Client(transport, { timeoutMs: opened.timeoutMs });
    printJsonLine(await reader.read());
    return 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return reportFailure('read-idcard', err);
  } finally {
    await transport?.close().catch(() => undefined);
  }
}
