// The flags of `npm start` and of the Electron app (the same command line): the start-up ones and
// those an area reads from the app context (--his-port, --his-host, --network).
import type { FlagSpec } from '../cli/args';

export const APP_FLAGS: FlagSpec = {
  strings: ['data-dir', 'port', 'his-port', 'his-host', 'network', 'center'],
  booleans: ['browser'],
};
