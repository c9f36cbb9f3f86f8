// The steps of `network-check` (see network-check.ts): each one call to the endpoint, reported as
// PASS/FAIL with the network's own words; the run stops at the first failure.
import {
  BusinessRejectedError, NetworkError, type Cert, type CodeName, type FeeLineInput, type FeeSplit, type NetPerson, type NetSettlement,
  type NetworkClient, type PersonRef,
} from '../network/client';
import { AppFailure } from '../core/result';

export interface CheckInput {
  idNumber: string;
  clrType: string;
  caty: string;
  traceCodes: string[];
  diagnosis: CodeName;
  doctor: CodeName;
  dept: CodeName;
}

export interface Step {
  infno: string;
  name: string;
  ok: boolean;
  message: string;
}

export interface Checked {
  steps: Step[];
  /** Every step ran (none failed before the end). */
  complete: boolean;
  /** The 2207 settlement as read. */
  settlement?: NetSettlement;
}

interface Env {
  today: string;
  time: string;
  runId: string;
  say(line: string): void;
  mask(name: string): string;
}

class StepFailed extends Error {}

/** The drug line: a national drug code of the catalog, sold in whole boxes with traceability codes. */
const DRUG = { listCode: 'XC10AAA199A001010101234', hospCode: 'YP0012', name: '阿托伐他汀钙片 20mg*7片', quantity: '2', unitPrice: '36.90' };
const SERVICE = { listCode: '001101000010000', hospCode: 'ZC0002', quantity: '1', unitPrice: '10.00' };

function words(warn: string | undefined, fallback = 'infcode=0'): string {
  return warn && warn.trim() ? warn.trim() : fallback;
}

function failureText(err: unknown): string {
  if (err instanceof BusinessRejectedError) return err.errMsg || `infcode ${err.infcode}`;
  if (err instanceof NetworkError) return `${err.message}（${err.detail ?? ''}）`;
  if (err instanceof AppFailure) return err.error.message;
  return (err as Error).message;
}

function runner(env: Env, steps: Step[]) {
  return async <T>(infno: string, name: string, fn: () => Promise<{ value: T; message: string; detail: string }>): Promise<T> => {
    try {
      const r = await fn();
      steps.push({ infno, name, ok: true, message: r.message });
      env.say(`PASS ${infno} ${name}：${r.detail}｜网络消息：${r.message}`);
      return r.value;
    } catch (err) {
      const message = failureText(err);
      steps.push({ infno, name, ok: false, message });
      env.say(`FAIL ${infno} ${name}：${message}`);
      throw new StepFailed();
    }
  };
}

const show = (s: NetSettlement) =>
  `总额 ${s.total} 基金 ${s.fundTotal} 个人账户 ${s.account} 现金 ${s.cash}；${Object.entries(s.layers).map(([k, v]) => `${k} ${v}`).join('，') || '无基金支付'}` +
  `；清算 ${s.clearing.type}/${s.clearing.way}/${s.clearing.institution}`;

/** Runs the acceptance steps; a failed step ends the run (its line says why). */
export async function checkRun(client: NetworkClient, i: CheckInput, env: Env): Promise<Checked> {
  const steps: Step[] = [];
  const out: Checked = { steps, complete: false };
  const step = runner(env, steps);
  try {
    await step('9001', '签到', async () => {
      const a = await client.signIn();
      return { value: a, message: words(a.meta.warnMsg), detail: `sign_no=${a.signNo}` };
    });
    const cert: Cert = { type: 'idNumber', no: i.idNumber };
    const person = await step<NetPerson>('1101', '人员信息获取（身份证号）', async () => {
      const a = await client.personInfo({ cert });
      const p = a.person;
      return { value: p, message: words(a.meta.warnMsg), detail: `psn_no=${p.personNo} 姓名=${env.mask(p.name)} 险种=${p.insutype} 参保地=${p.insuranceRegion}` };
    });
    const ref: PersonRef = { personNo: person.personNo, insutype: person.insutype, insuranceRegion: person.insuranceRegion };
    out.settlement = await visit(client, i, env, step, ref, cert, person);
    await reconcileAndClose(client, i, env, step, person);
    out.complete = true;
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  }
  return out;
}

type Runner = ReturnType<typeof runner>;

async function visit(client: NetworkClient, i: CheckInput, env: Env, step: Runner, ref: PersonRef, cert: Cert, person: NetPerson): Promise<NetSettlement> {
  const hisVisitNo = `NC${env.runId}`;
  const visitId = await step('2201', '门诊挂号', async () => {
    const a = await client.register2201({ person: ref, cert, hisVisitNo, begin: env.time, doctor: i.doctor, dept: i.dept, caty: i.caty });
    return { value: a.visitId, message: words(a.meta.warnMsg), detail: `mdtrt_id=${a.visitId}` };
  });
  await step('2203', '门诊就诊信息上传（诊断）', async () => {
    const a = await client.visitInfo2203({ person: ref, visitId, medType: 'outpatient', begin: env.time, diagnoses: [i.diagnosis], dept: i.dept, doctor: i.doctor });
    return { value: a, message: words(a.meta.warnMsg), detail: `诊断 ${i.diagnosis.code} ${i.diagnosis.name}，医师 ${i.doctor.code}，科室 ${i.dept.code}` };
  });
  const batchNo = `B${env.runId}`;
  const lines: FeeLineInput[] = [SERVICE, DRUG].map((l, n) => ({
    lineNo: `${batchNo}0${n + 1}`, listCode: l.listCode, hospCode: l.hospCode, quantity: l.quantity, unitPrice: l.unitPrice, time: env.time, dept: i.dept, doctor: i.doctor,
  }));
  const split = await step<FeeSplit>('2204', '门诊费用明细上传（诊疗 1 条、药品 1 条）', async () => {
    const a = await client.uploadFees2204({ person: ref, visitId, batchNo, medType: 'outpatient', lines });
    const lv = a.lines.map((l) => `${l.lineNo.slice(-2)}:${l.class}类 ${l.amount}`).join('，');
    return { value: a.split, message: words(a.meta.warnMsg), detail: `${lv}；合计 ${a.split.total}（先行自付 ${a.split.preSelfPay}，范围内 ${a.split.inScope}）` };
  });
  const base = { person: ref, cert, visitId, medType: 'outpatient' as const, batchNo, total: split.total, useAccount: person.insuranceType === 'employee' };
  await step('2206', '门诊预结算', async () => {
    const a = await client.preSettle2206(base);
    return { value: a, message: words(a.meta.warnMsg), detail: show(a.settlement) };
  });
  const settled = await step<NetSettlement>('2207', '门诊结算', async () => {
    const a = await client.settle2207({ ...base, split });
    return { value: a.settlement, message: words(a.meta.warnMsg), detail: `setl_id=${a.settlement.settlementId} ${show(a.settlement)}` };
  });
  const sale = {
    person: { ...ref, certType: '01', idNumber: i.idNumber, name: person.name }, settlementId: settled.settlementId, visitNo: hisVisitNo,
    listCode: DRUG.listCode, hospCode: DRUG.hospCode, hospName: DRUG.name, batchNo: `PC${env.runId}`, lotNo: 'NC240312', madeOn: '2024-03-12',
    expiresOn: '2027-03-11', prescriber: i.doctor.name, pharmacist: { name: '验收药师', certNo: 'ZY0000000001' }, prescription: true, splitPack: false,
    quantity: DRUG.quantity, unitPrice: DRUG.unitPrice, time: env.time, operatorName: '验收', documentNo: `LS${env.runId}`, codes: i.traceCodes,
  };
  await step('3505', `商品销售（追溯码 ${i.traceCodes.length} 个）`, async () => {
    const a = await client.sellDrug3505(sale);
    if (!a.ok) throw new Error(`医保网络未接受销售记录：${a.message}`);
    return { value: a, message: words(a.message || a.meta.warnMsg), detail: `药品 ${DRUG.listCode}，追溯码 ${i.traceCodes.join('、')}` };
  });
  await step('2208', '门诊结算撤销', async () => {
    const a = await client.cancel2208({ person: ref, visitId, settlementId: settled.settlementId });
    return { value: a, message: words(a.meta.warnMsg), detail: `撤销记录 setl_id=${a.settlement.settlementId} 总额 ${a.settlement.total}` };
  });
  await step('3506', '商品销售退货（追溯码）', async () => {
    const a = await client.returnDrug3506({ ...sale, time: env.time });
    if (!a.ok) throw new Error(`医保网络未接受退货记录：${a.message}`);
    return { value: a, message: words(a.message || a.meta.warnMsg), detail: `追溯码 ${i.traceCodes.join('、')} 已退回` };
  });
  return settled;
}

async function reconcileAndClose(client: NetworkClient, i: CheckInput, env: Env, step: Runner, person: NetPerson): Promise<void> {
  await step('3201', '对总账（本次净额）', async () => {
    // This run's net totals: the settlement and its cancellation cancel out.
    const a = await client.reconcileTotals3201({
      insutype: person.insutype, clearingType: i.clrType, clearingAgency: person.insuranceRegion, begin: env.today, end: env.today,
      medfeeTotal: '0.00', fundTotal: '0.00', accountTotal: '0.00', count: 0,
    });
    if (!a.balanced) throw new Error(`对账不平（stmt_rslt=${a.code}）：${a.description}`);
    return { value: a, message: words(a.description, '平衡'), detail: `stmt_rslt=${a.code}` };
  });
  await step('9002', '签退', async () => {
    const a = await client.signOut();
    return { value: a, message: words(a.meta.warnMsg), detail: `sign_time=${a.signTime}` };
  });
}
