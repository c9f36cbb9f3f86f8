// Simulated settlement: 2206/2303 pre-settle, 2207/2304 settle, 2208/2305 cancel, 5203 query,
// 2601 reversal. One visit never has two valid settlements.
import { Dec, dec, fmt } from '../../core/money';
import { amount, node, text, type Handler, type HandlerCtx } from './context';
import { computeSettlement, redoYtd, sumLines, undoYtd } from './settle';
import { SimReject, type SimSettlement, type SimVisit } from './state';

function personFields(c: HandlerCtx, personNo: string): Record<string, string> {
  const p = c.state.person(personNo).demo;
  return { psn_no: p.personNo, psn_name: p.name, psn_cert_type: '01', certno: p.idNumber, gend: p.gender, naty: p.nation, brdy: p.birthDate };
}

function settleVisit(c: HandlerCtx, kind: SimVisit['kind'], commit: boolean): Record<string, unknown> {
  const d = node(c.input, 'data');
  const personNo = text(d, 'psn_no', true);
  const visit = c.state.visit(text(d, 'mdtrt_id', true), personNo);
  if (visit.state === 'cancelled') throw new SimReject(`就诊 ${visit.visitId} 已撤销`);
  if (visit.kind !== kind) throw new SimReject(`就诊 ${visit.visitId} 类型不符`);
  if (commit && c.state.validSettlementOf(visit.visitId)) throw new SimReject(`就诊 ${visit.visitId} 已结算，不能重复结算`);
  const person = c.state.person(personNo);
  const medType = text(d, 'med_type') || visit.medType;
  const comp = computeSettlement(c.policy, person, visit, medType, text(d, 'acct_used_flag') === '1', c.today);
  const claimed = dec(amount(d, 'medfee_sumamt'));
  if (!claimed.equals(comp.medfee)) throw new SimReject(`医疗费总额 ${fmt(claimed)} 与明细合计 ${fmt(sumLines(comp.lines))} 不符`);
  if (commit) {
    for (const [f, k] of [['fulamt_ownpay_amt', 'fulamt_ownpay_amt'], ['preselfpay_amt', 'preselfpay_amt'], ['inscp_scp_amt', 'inscp_scp_amt']] as const) {
      const sent = dec(amount(d, f));
      if (!sent.equals(new Dec(comp.setlFields[k]))) throw new SimReject(`${f} ${fmt(sent)} 与中心明细结果 ${comp.setlFields[k]} 不符`);
    }
  }
  const settlementId = commit ? c.state.nextId('JS', c.stamp) : '';
  const setlinfo: Record<string, unknown> = {
    mdtrt_id: visit.visitId, setl_id: settlementId, ...personFields(c, personNo), age: null,
    insutype: visit.insutype, psn_type: person.demo.insuranceType === 'employee' ? '11' : '1501', cvlserv_flag: '0',
    setl_time: c.time, mdtrt_cert_type: text(d, 'mdtrt_cert_type'), med_type: medType,
    ...comp.setlFields,
    medins_setl_id: c.msgid, clr_optins: person.demo.region, clr_way: '1', clr_type: medType,
    vali_flag: '1', refd_setl_flag: '0',
  };
  if (!commit) return { setlinfo, setldetail: comp.setldetail };
  const s: SimSettlement = {
    settlementId, visitId: visit.visitId, personNo, institution: c.institution, insutype: visit.insutype, clrType: medType,
    msgid: c.msgid, infno: c.infno, date: c.today, status: 'valid', setlinfo, setldetail: comp.setldetail,
    medfee: comp.medfee, fund: comp.fund, account: comp.account, ytdBefore: person.ytd, ytdDelta: comp.ytdAfter,
  };
  c.state.settlements.set(settlementId, s);
  for (const l of comp.lines) l.settledBy = settlementId;
  person.ytd = comp.ytdAfter;
  person.account = person.account.minus(comp.account);
  c.state.record({ msgid: c.msgid, infno: c.infno, personNo, undo: () => undoSettlement(c, s, 'reversed') });
  return { setlinfo, setldetail: comp.setldetail };
}

/** Takes an original settlement back (cancel or reversal): lines free again, ytd and account restored. */
function undoSettlement(c: HandlerCtx, s: SimSettlement, status: 'cancelled' | 'reversed'): void {
  if (s.status !== 'valid') return;
  const person = c.state.person(s.personNo);
  person.ytd = undoYtd(person.ytd, s.ytdBefore, s.ytdDelta!);
  person.account = person.account.plus(s.account);
  for (const l of c.state.visit(s.visitId).lines.values()) if (l.settledBy === s.settlementId) l.settledBy = undefined;
  s.status = status;
}

function redoSettlement(c: HandlerCtx, s: SimSettlement): void {
  if (c.state.validSettlementOf(s.visitId)) throw new SimReject('该就诊已重新结算，不能冲正撤销');
  const person = c.state.person(s.personNo);
  person.ytd = redoYtd(person.ytd, s.ytdBefore, s.ytdDelta!);
  person.account = person.account.minus(s.account);
  const lines = [...c.state.visit(s.visitId).lines.values()];
  for (const l of lines) if (!l.settledBy) l.settledBy = s.settlementId;
  s.status = 'valid';
}

const NEGATE = [
  'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay',
  'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay',
  'psn_cash_pay', 'hosp_part_amt', 'acct_mulaid_pay',
];

function negate(v: unknown): string {
  return fmt(new Dec(String(v ?? '0')).negated());
}

function cancelSettlement(c: HandlerCtx, kind: SimVisit['kind']): Record<string, unknown> {
  const d = node(c.input, 'data');
  const personNo = text(d, 'psn_no', true);
  const orig = c.state.settlements.get(text(d, 'setl_id', true));
  if (!orig || orig.cancels || orig.personNo !== personNo) throw new SimReject(`结算ID ${text(d, 'setl_id')} 不存在`);
  if (orig.visitId !== text(d, 'mdtrt_id', true)) throw new SimReject('结算ID 与就诊ID 不符');
  if (c.state.visit(orig.visitId).kind !== kind) throw new SimReject('结算类型不符');
  if (orig.status !== 'valid') throw new SimReject(`结算 ${orig.settlementId} 已撤销或已冲正`);
  undoSettlement(c, orig, 'cancelled');
  const settlementId = c.state.nextId('JS', c.stamp);
  const setlinfo: Record<string, unknown> = { ...orig.setlinfo, setl_id: settlementId, setl_time: c.time, medins_setl_id: c.msgid, refd_setl_flag: '1' };
  for (const f of NEGATE) setlinfo[f] = negate(orig.setlinfo[f]);
  setlinfo.balc = fmt(c.state.person(personNo).account);
  const setldetail = orig.setldetail.map((r) => ({ ...r, inscp_scp_amt: negate(r.inscp_scp_amt), fund_payamt: negate(r.fund_payamt) }));
  const rec: SimSettlement = {
    ...orig, settlementId, msgid: c.msgid, infno: c.infno, date: c.today, status: 'valid', cancels: orig.settlementId,
    setlinfo, setldetail, medfee: orig.medfee.negated(), fund: orig.fund.negated(), account: orig.account.negated(),
    ytdBefore: undefined, ytdDelta: undefined, cancelledBy: undefined,
  };
  orig.cancelledBy = settlementId;
  c.state.settlements.set(settlementId, rec);
  c.state.record({
    msgid: c.msgid, infno: c.infno, personNo,
    undo: () => {
      redoSettlement(c, orig);
      orig.cancelledBy = undefined;
      rec.status = 'reversed';
    },
  });
  return { setlinfo, setldetail };
}

export const preSettle2206: Handler = (c) => settleVisit(c, 'outpatient', false);
export const settle2207: Handler = (c) => settleVisit(c, 'outpatient', true);
export const cancel2208: Handler = (c) => cancelSettlement(c, 'outpatient');
export const preSettle2303: Handler = (c) => settleVisit(c, 'inpatient', false);
export const settle2304: Handler = (c) => settleVisit(c, 'inpatient', true);
export const cancel2305: Handler = (c) => cancelSettlement(c, 'inpatient');

/** 5203: by setl_id, else the visit's most recent original settlement (valid, or cancelled with vali_flag 0). */
export const query5203: Handler = (c) => {
  const d = node(c.input, 'data');
  const setlId = text(d, 'setl_id');
  const visitId = text(d, 'mdtrt_id');
  let s: SimSettlement | undefined;
  if (setlId) s = c.state.settlements.get(setlId);
  else if (visitId) {
    const all = [...c.state.settlements.values()].filter((x) => x.visitId === visitId && !x.cancels && x.status !== 'reversed');
    s = all.find((x) => x.status === 'valid') ?? all[all.length - 1];
  } else throw new SimReject('结算ID 与就诊ID 至少填一项');
  if (!s || s.status === 'reversed' || (setlId && visitId && s.visitId !== visitId)) return { setlinfo: null, setldetail: [] };
  const vali = s.status === 'valid' && !s.cancelledBy ? '1' : '0';
  return { setlinfo: { ...s.setlinfo, vali_flag: vali }, setldetail: s.setldetail };
};

/**
 * 2601: undoes what `omsgid` applied. Harmless when it applied nothing (or was already undone);
 * a msgid reversed before it ever arrived is refused if it arrives later (see server).
 */
export const reverse2601: Handler = (c) => {
  const d = node(c.input, 'data');
  const omsgid = text(d, 'omsgid', true);
  const oinfno = text(d, 'oinfno', true);
  const effect = c.state.applied.get(omsgid);
  if (!effect) {
    c.state.tombstones.add(omsgid);
    return {};
  }
  if (effect.infno !== oinfno && effect.infno.slice(0, 4) !== oinfno.slice(0, 4)) {
    throw new SimReject(`原交易编号不符：${omsgid} 是 ${effect.infno}，不是 ${oinfno}`);
  }
  if (effect.reversed) return {};
  effect.undo?.();
  effect.reversed = true;
  return {};
};
