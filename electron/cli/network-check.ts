// `npm run --silent cli -- network-check --network URL --institution CODE --id-number ID`
//   [--institution-name NAME] [--region 6DIGITS] [--operator CODE] [--operator-name NAME] [--terminal NN]
//   [--clr-type CODE] [--diagnosis CODE:NAME] [--doctor CODE:NAME] [--dept CODE:NAME] [--caty CODE]
//   [--trace-code CODE]... [--timeout MS] [--ca FILE] [--cert FILE] [--key FILE] [--passphrase P]
//   [--receiver CODE] [--infver V] [--state-db FILE]
// A technician's acceptance run against any endpoint: 9001, 1101 (by ID number), 2201, 2203 (the
// visit with its diagnosis), 2204 (a service line and a drug line), 2206, 2207, 3505 (the drug
// line's traceability codes), 2208, 3506 (their return), 3201 (this run's net totals), 9002. A
// call the platform refuses because it ended the sign-in is signed in again and sent once more.
// One line per step with PASS/FAIL and the network's own message; the last line one compact JSON
// summary with the settlement as 2207 read it. Exit 0 all passed, 1 at the first failure (or when
// the settlement's layers + account + cash do not add up to its total, or a fund row cannot be
// placed), 2 on bad usage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, requireFlag, stringFlag, UsageError, type FlagSpec, type ParsedArgs } from './args';
import { openDatabase } from '../store/db';
import { maskName } from '../core/mask';
import { chinaDate, chinaDateTime } from '../core/time';
import { DEMO_INSTITUTIONS } from '../demo/persons';
import {
  MsgIdSource, createNetworkClient, settlementProblems, type CodeName, type NetworkSetup, type NetSettlement,
} from '../network/client';
import { checkRun, type Checked } from './network-check-run';

export const summary = 'acceptance run against an insurance network endpoint: --network URL --institution CODE --id-number ID';
export const flags: FlagSpec = {
  strings: [
    'network', 'institution', 'id-number', 'institution-name', 'region', 'operator', 'operator-name', 'terminal', 'clr-type',
    'timeout', 'ca', 'cert', 'key', 'passphrase', 'receiver', 'infver', 'state-db', 'diagnosis', 'doctor', 'dept', 'caty', 'trace-code',
  ],
  repeatable: ['trace-code'],
};

/** The demo values: a diagnosis of the national 1307 list, a doctor and department of the demo clinic. */
const DEFAULTS = {
  diagnosis: { code: 'J06.900', name: '急性上呼吸道感染' },
  doctor: { code: 'D0007', name: '刘建华' },
  dept: { code: 'MZ01', name: '全科门诊' },
  caty: 'A02',
  traceCodes: ['81234567890123456789', '81234567890123456790'],
};

function readFile(file: string | undefined): string | undefined {
  return file ? fs.readFileSync(file, 'utf8') : undefined;
}

/** CODE:NAME (the name may hold colons). */
function codeName(args: ParsedArgs, flag: string, fallback: CodeName): CodeName {
  const v = stringFlag(args, flag);
  if (v === undefined) return fallback;
  const i = v.indexOf(':');
  const code = i < 0 ? '' : v.slice(0, i).trim();
  const name = i < 0 ? '' : v.slice(i + 1).trim();
  if (!code || !name) throw new UsageError(`--${flag} must be CODE:NAME, e.g. ${fallback.code}:${fallback.name}`);
  return { code, name };
}

function setupFrom(args: ParsedArgs): NetworkSetup {
  const code = requireFlag(args, 'institution');
  if (!/^[A-Z0-9]{1,20}$/.test(code)) throw new UsageError('--institution must be letters/digits, e.g. H37030300123');
  const demo = DEMO_INSTITUTIONS.find((i) => i.code === code) ?? DEMO_INSTITUTIONS[0];
  const region = stringFlag(args, 'region') ?? demo.region;
  if (!/^\d{6}$/.test(region)) throw new UsageError('--region must be 6 digits');
  const terminal = stringFlag(args, 'terminal') ?? '99';
  if (!/^\d{2}$/.test(terminal)) throw new UsageError('--terminal must be 2 digits');
  const operator = stringFlag(args, 'operator') ?? 'NC001';
  const endpoint = requireFlag(args, 'network');
  try {
    new URL(endpoint);
  } catch {
    throw new UsageError(`--network is not a URL: ${endpoint}`);
  }
  return {
    endpoint, institutionCode: code, institutionName: stringFlag(args, 'institution-name') ?? demo.name, region,
    receiverSystemCode: stringFlag(args, 'receiver') ?? 'YBXT', interfaceVersion: stringFlag(args, 'infver') ?? 'V1.0', operatorType: '1',
    operatorCode: operator, operatorName: stringFlag(args, 'operator-name') ?? `验收${operator}`, terminalNo: terminal,
    timeoutMs: intFlag(args, 'timeout', 30_000),
    tls: { ca: readFile(stringFlag(args, 'ca')), cert: readFile(stringFlag(args, 'cert')), key: readFile(stringFlag(args, 'key')), passphrase: stringFlag(args, 'passphrase') },
  };
}

/** The settlement as 2207 read it, for the summary line. */
function settlementSummary(s: NetSettlement) {
  return { medfee_sumamt: s.total, fund_pay_sumamt: s.fundTotal, acct_pay: s.account, psn_cash_pay: s.cash, layers: s.layers, unplaced: s.unplaced };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const setup = setupFrom(args);
  const idNumber = requireFlag(args, 'id-number').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) throw new UsageError('--id-number must be an 18-character resident ID number');
  const traceCodes = args.lists.get('trace-code') ?? DEFAULTS.traceCodes;
  for (const c of traceCodes) if (!/^\d{20}$/.test(c)) throw new UsageError(`--trace-code must be 20 digits: ${c}`);
  const input = {
    idNumber, clrType: stringFlag(args, 'clr-type') ?? '11', caty: stringFlag(args, 'caty') ?? DEFAULTS.caty, traceCodes,
    diagnosis: codeName(args, 'diagnosis', DEFAULTS.diagnosis), doctor: codeName(args, 'doctor', DEFAULTS.doctor), dept: codeName(args, 'dept', DEFAULTS.dept),
  };
  // msgids stay unique across runs: the sequence lives in a small store in the temp folder.
  const dbFile = stringFlag(args, 'state-db') ?? path.join(os.tmpdir(), `settle-network-check-${setup.institutionCode}.db`);
  const db = openDatabase(dbFile);
  const client = createNetworkClient(setup, { msgids: new MsgIdSource({ db, institutionCode: setup.institutionCode, terminalNo: setup.terminalNo }) });
  const now = new Date();
  let result: Checked;
  try {
    result = await checkRun(client, input, { today: chinaDate(now), time: chinaDateTime(now), runId: String(now.getTime()), say: (l) => process.stdout.write(`${l}\n`), mask: maskName });
  } finally {
    db.close();
  }
  const problems = result.settlement ? settlementProblems(result.settlement) : [];
  for (const p of problems) process.stdout.write(`FAIL 2207 结算读数核对：${p}\n`);
  const ok = result.complete && result.steps.every((s) => s.ok) && problems.length === 0;
  printJsonLine({
    ok, network: setup.endpoint, institution: setup.institutionCode,
    steps: result.steps.map(({ infno, ok: good, message }) => ({ infno, ok: good, message })),
    ...(result.settlement ? { settlement: settlementSummary(result.settlement) } : {}),
  });
  return ok ? 0 : 1;
}
