// `npm run --silent cli -- network-check --network URL --institution CODE --id-number ID`
//   [--institution-name NAME] [--region 6DIGITS] [--operator CODE] [--operator-name NAME]
//   [--terminal NN] [--clr-type CODE] [--timeout MS] [--ca FILE] [--cert FILE] [--key FILE]
//   [--passphrase P] [--receiver CODE] [--infver V]
// A technician's acceptance run against any endpoint: 9001, 1101 (by ID number), 2201, 2204 (two
// lines: class A and class B), 2206, 2207, 2208, 3201 (net totals of this run: 0, balanced),
// 9002, in order. One line per step with PASS/FAIL and the network's own message; last line one
// compact JSON summary. Exit 0 all passed, 1 at the first failure, 2 on bad usage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, requireFlag, stringFlag, UsageError, type FlagSpec } from './args';
import { openDatabase } from '../store/db';
import { maskName } from '../core/mask';
import { chinaDate, chinaDateTime } from '../core/time';
import { DEMO_INSTITUTIONS } from '../demo/persons';
import {
  BusinessRejectedError, MsgIdSource, NetworkError, createNetworkClient, type Cert, type FeeSplit, type NetPerson,
  type NetworkSetup, type NetSettlement, type PersonRef,
} from '../network/client';

export const summary = 'acceptance run against an insurance network endpoint: --network URL --institution CODE --id-number ID';
export const flags: FlagSpec = {
  strings: [
    'network', 'institution', 'id-number', 'institution-name', 'region', 'operator', 'operator-name', 'terminal', 'clr-type',
    'timeout', 'ca', 'cert', 'key', 'passphrase', 'receiver', 'infver', 'state-db',
  ],
};

interface Step {
  infno: string;
  name: string;
  ok: boolean;
  message: string;
  detail?: string;
}

function readFile(file: string | undefined): string | undefined {
  return file ? fs.readFileSync(file, 'utf8') : undefined;
}

function setupFrom(args: ReturnType<typeof parseArgs>): NetworkSetup {
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
    endpoint,
    institutionCode: code,
    institutionName: stringFlag(args, 'institution-name') ?? demo.name,
    region,
    receiverSystemCode: stringFlag(args, 'receiver') ?? 'MBS_LOCAL',
    interfaceVersion: stringFlag(args, 'infver') ?? 'V1.0',
    operatorType: '1',
    operatorCode: operator,
    operatorName: stringFlag(args, 'operator-name') ?? `验收${operator}`,
    terminalNo: terminal,
    timeoutMs: intFlag(args, 'timeout', 30_000),
    tls: {
      ca: readFile(stringFlag(args, 'ca')),
      cert: readFile(stringFlag(args, 'cert')),
      key: readFile(stringFlag(args, 'key')),
      passphrase: stringFlag(args, 'passphrase'),
    },
  };
}

function networkMessage(warn: string | undefined, fallback: string): string {
  return warn && warn.trim() ? warn.trim() : fallback;
}


export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const setup = setupFrom(args);
  const idNumber = requireFlag(args, 'id-number').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) throw new UsageError('--id-number must be an 18-character resident ID number');
  const clrType = stringFlag(args, 'clr-type') ?? '11';
  // msgids stay unique across runs: the sequence lives in a small store in the temp folder.
  const dbFile = stringFlag(args, 'state-db') ?? path.join(os.tmpdir(), `settle-network-check-${setup.institutionCode}.db`);
  const db = openDatabase(dbFile);
  const client = createNetworkClient({ ...setup, autoSignIn: false }, {
    msgids: new MsgIdSource({ db, institutionCode: setup.institutionCode, terminalNo: setup.terminalNo }),
  });
  const steps: Step[] = [];
  const step = async <T>(infno: string, name: string, fn: () => Promise<{ value: T; message: string; detail: string }>): Promise<T> => {
    try {
      const r = await fn();
      steps.push({ infno, name, ok: true, message: r.message, detail: r.detail });
      process.stdout.write(`PASS ${infno} ${name}：${r.detail}｜网络消息：${r.message}\n`);
      return r.value;
    } catch (err) {
      const message = err instanceof BusinessRejectedError ? err.errMsg || `infcode ${err.infcode}`
        : err instanceof NetworkError ? `${err.message}（${err.detail ?? ''}）` : (err as Error).message;
      steps.push({ infno, name, ok: false, message });
      process.stdout.write(`FAIL ${infno} ${name}：${message}\n`);
      throw new StepFailed();
    }
  };
  const now = new Date();
  const today = chinaDate(now);
  const time = chinaDateTime(now);
  try {
    await step('9001', '签到', async () => {
      const a = await client.signIn();
      return { value: a, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `sign_no=${a.signNo}` };
    });
    const cert: Cert = { type: 'idNumber', no: idNumber };
    const person = await step<NetPerson>('1101', '人员信息获取（身份证号）', async () => {
      const a = await client.personInfo({ cert });
      const p = a.person;
      return { value: p, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `psn_no=${p.personNo} 姓名=${maskName(p.name)} 险种=${p.insutype} 参保地=${p.insuranceRegion}` };
    });
    const ref: PersonRef = { personNo: person.personNo, insutype: person.insutype, insuranceRegion: person.insuranceRegion };
    const hisVisitNo = `NC${now.getTime()}`;
    const visitId = await step('2201', '门诊挂号', async () => {
      const a = await client.register2201({ person: ref, cert, hisVisitNo, begin: time });
      return { value: a.visitId, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `mdtrt_id=${a.visitId}` };
    });
    const batchNo = `B${now.getTime()}`;
    const split = await step<FeeSplit>('2204', '门诊费用明细上传（甲类 1 条、乙类 1 条）', async () => {
      const a = await client.uploadFees2204({
        person: ref, visitId, batchNo, medType: 'outpatient',
        lines: [
          { lineNo: `${batchNo}01`, listCode: '001101000010000', hospCode: 'ZC0002', name: '一般诊疗费', quantity: '1', unitPrice: '10.00', class: 'A', itemType: '12', time },
          { lineNo: `${batchNo}02`, listCode: 'XC10AAA199A001010101234', hospCode: 'YP0012', name: '阿托伐他汀钙片 20mg', quantity: '6', unitPrice: '12.35', class: 'B', selfPayRatio: '0.10', itemType: '09', time },
        ],
      });
      const lv = a.lines.map((l) => `${l.lineNo.slice(-2)}:${l.class}类 ${l.amount}`).join('，');
      return { value: a.split, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `${lv}；合计 ${a.split.total}（先行自付 ${a.split.preSelfPay}，范围内 ${a.split.inScope}）` };
    });
    const base = { person: ref, cert, visitId, medType: 'outpatient' as const, batchNo, total: split.total, useAccount: person.insuranceType === 'employee' };
    const show = (s: NetSettlement) => `总额 ${s.total} 统筹 ${s.layers.basic ?? '0.00'} 基金合计 ${s.fundTotal} 个人 ${s.personTotal}`;
    await step('2206', '门诊预结算', async () => {
      const a = await client.preSettle2206(base);
      return { value: a, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: show(a.settlement) };
    });
    const settled = await step<NetSettlement>('2207', '门诊结算', async () => {
      const a = await client.settle2207({ ...base, split });
      return { value: a.settlement, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `setl_id=${a.settlement.settlementId} ${show(a.settlement)}` };
    });
    await step('2208', '门诊结算撤销', async () => {
      const a = await client.cancel2208({ person: ref, visitId, settlementId: settled.settlementId });
      return { value: a, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `撤销记录 setl_id=${a.settlement.settlementId} 总额 ${a.settlement.total}` };
    });
    await step('3201', '对总账（本次净额）', async () => {
      // This run's net totals: the settlement and its cancellation cancel out.
      const a = await client.reconcileTotals3201({
        insutype: person.insutype, clearingType: clrType, clearingAgency: person.insuranceRegion, begin: today, end: today,
        medfeeTotal: '0.00', fundTotal: '0.00', accountTotal: '0.00', count: 0,
      });
      if (!a.balanced) throw new Error(`对账不平（stmt_rslt=${a.code}）：${a.description}`);
      return { value: a, message: networkMessage(a.description, '平衡'), detail: `stmt_rslt=${a.code}` };
    });
    await step('9002', '签退', async () => {
      const a = await client.signOut();
      return { value: a, message: networkMessage(a.meta.warnMsg, 'infcode=0'), detail: `sign_time=${a.signTime}` };
    });
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  } finally {
    db.close();
  }
  const ok = steps.length === 9 && steps.every((s) => s.ok);
  printJsonLine({ ok, network: setup.endpoint, institution: setup.institutionCode, steps: steps.map(({ infno, ok: good, message }) => ({ infno, ok: good, message })) });
  return ok ? 0 : 1;
}

class StepFailed extends Error {}
