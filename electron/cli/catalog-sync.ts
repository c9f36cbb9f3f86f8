// `npm run --silent cli -- catalog-sync --network URL|builtin --institution CODE --data-dir DIR`
//   [--institution-name NAME] [--region 6DIGITS] [--operator CODE] [--terminal NN] [--timeout MS]
//   [--receiver CODE] [--infver V] [--catalog 1301]... [--quiet]
// Downloads the national catalogs (13xx + 9102, version by version), the terms (1312, 1318, 1319
// since the last update) and the 1901 dictionaries into the data folder's database, exactly as
// the app's 医保目录 screen does, going on from where an earlier run stopped. Progress on stderr;
// the last line on stdout is {"catalogs": {"1301": N, …}, "dictionaries": N, "changes": N}: rows
// new or changed in this run (a second run with nothing new prints zeros). Exit 0 done, 1 the
// network stopped the sync (what was stored stays; run again to go on), 2 bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, requireFlag, stringFlag, UsageError, type FlagSpec, type ParsedArgs } from './args';
import { databasePath, openDatabase } from '../store/db';
import { SettingsRepo } from '../store/settings';
import { getInstitution } from '../platform/institution';
import { DEMO_INSTITUTIONS } from '../demo/persons';
import { MsgIdSource, createNetworkClient, type NetworkSetup } from '../network/client';
import { startPlatformSimulator, type PlatformSimulator } from '../network/simulator';
import { openCatalogRepos, syncErrorText, syncOnce } from '../catalog/sync-job';
import { FILE_CATALOGS } from '../catalog/rows';

export const summary = 'download the national catalogs and dictionaries: --network URL --institution CODE --data-dir DIR';
export const flags: FlagSpec = {
  strings: ['network', 'institution', 'data-dir', 'institution-name', 'region', 'operator', 'terminal', 'timeout', 'receiver', 'infver', 'catalog'],
  repeatable: ['catalog'],
  booleans: ['quiet'],
};

function setupFrom(args: ParsedArgs, endpoint: string, stored: { code: string; name: string; region: string }): NetworkSetup {
  const code = requireFlag(args, 'institution');
  if (!/^[A-Z0-9]{1,20}$/.test(code)) throw new UsageError('--institution must be letters/digits, e.g. H37030300123');
  const known = stored.code === code ? stored : DEMO_INSTITUTIONS.find((i) => i.code === code);
  const region = stringFlag(args, 'region') ?? known?.region ?? DEMO_INSTITUTIONS[0].region;
  if (!/^\d{6}$/.test(region)) throw new UsageError('--region must be 6 digits');
  const terminal = stringFlag(args, 'terminal') ?? '98';
  if (!/^\d{2}$/.test(terminal)) throw new UsageError('--terminal must be 2 digits');
  const operator = stringFlag(args, 'operator') ?? 'CAT01';
  return {
    endpoint, institutionCode: code, institutionName: stringFlag(args, 'institution-name') ?? known?.name ?? code, region,
    receiverSystemCode: stringFlag(args, 'receiver') ?? 'YBXT', interfaceVersion: stringFlag(args, 'infver') ?? 'V1.0', operatorType: '1',
    operatorCode: operator, operatorName: `目录同步${operator}`, terminalNo: terminal, timeoutMs: intFlag(args, 'timeout', 60_000),
  };
}

function catalogsFrom(args: ParsedArgs): string[] | undefined {
  const list = args.lists.get('catalog');
  if (!list) return undefined;
  for (const c of list) if (!FILE_CATALOGS[c]) throw new UsageError(`--catalog must be one of ${Object.keys(FILE_CATALOGS).join(', ')}`);
  return list;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const dataDir = path.resolve(requireFlag(args, 'data-dir'));
  const network = requireFlag(args, 'network');
  if (network !== 'builtin') {
    try {
      new URL(network);
    } catch {
      throw new UsageError(`--network is not a URL: ${network}`);
    }
  }
  requireFlag(args, 'institution');
  const catalogs = catalogsFrom(args);
  const quiet = args.flags.has('quiet');
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(databasePath(dataDir));
  let sim: PlatformSimulator | undefined;
  try {
    const stored = getInstitution({ settings: new SettingsRepo(db) });
    if (network === 'builtin') sim = await startPlatformSimulator({ port: 0, strictInstitution: false });
    const setup = setupFrom(args, sim ? sim.url : network, stored);
    const client = createNetworkClient(setup, { msgids: new MsgIdSource({ db, institutionCode: setup.institutionCode, terminalNo: setup.terminalNo }) });
    const say = (line: string) => !quiet && process.stderr.write(`${line}\n`);
    let last = '';
    try {
      const { counts } = await syncOnce({
        client, db, repos: openCatalogRepos(db), region: setup.region, now: () => new Date(), log: say, ...(catalogs ? { catalogs } : {}),
        onProgress: (p) => {
          const line = `${p.step} ${p.done}${p.total ? `/${p.total}` : ''}`;
          if (line !== last) say(`progress ${Math.round(p.fraction * 100)}% ${line}`);
          last = line;
        },
      });
      printJsonLine(counts);
      return 0;
    } catch (err) {
      process.stderr.write(`目录同步中断：${syncErrorText(err)}\ncatalog sync stopped: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await client.close(2000);
    }
  } finally {
    await sim?.close();
    db.close();
  }
}
