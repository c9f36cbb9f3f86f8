// Drug traceability: 3505 sale (and 3505A batch) with its codes, 3506 return, 3513 query. A
// business refusal comes back as infcode 0 with result.retRslt "0" and the reason, as the
// current spec answers; field errors are envelope refusals like everywhere else.
import { Dec } from '../../core/money';
import { one, rows, type Ctx, type Handler } from './context';
import { refuse, where } from './errors';
import type { Row } from './fields';
import type { CodeState, Sale } from './trace';
import { TraceBook } from './trace';

/** The codes a sale row carries: the drugtracinfo array, or the older flat field. */
function codesOf(c: Ctx, raw: unknown, row: Row, at: string): string[] {
  const out: string[] = [];
  const list = (raw as Record<string, unknown> | undefined)?.drugtracinfo;
  if (Array.isArray(list)) {
    list.forEach((x, i) => {
      const v = x && typeof x === 'object' ? (x as Record<string, unknown>).drug_trac_codg : undefined;
      if (typeof v !== 'string' || !v.trim()) refuse(`${at}溯源码节点信息(drugtracinfo)第${i + 1}条：追溯码(drug_trac_codg)不能为空`);
      out.push(v.trim());
    });
  } else if (row.drug_trac_codg) out.push(...row.drug_trac_codg.split(',').map((s) => s.trim()).filter(Boolean));
  for (const code of out) if (!c.cfg.traceCodePattern.test(code)) refuse(`${at}追溯码(drug_trac_codg)${code}格式错误`);
  return out;
}

class Business extends Error {}

function checkSettlement(c: Ctx, r: Row, at: string): { mdtrtId: string } {
  const needed = r.mdtrt_setl_type === '1' || r.hi_feesetl_type === '1';
  if (!r.setl_id) {
    if (needed) refuse(`${at}结算ID(setl_id)不能为空（医保结算）`);
    return { mdtrtId: '' };
  }
  const s = c.books.settlements.get(r.setl_id);
  if (!s || s.institution !== c.institution.code || s.cancels || s.status === 'reversed') refuse(`${at}结算ID(setl_id)${r.setl_id}：未查询到结算信息`);
  if (s.status === 'cancelled') throw new Business(`结算${r.setl_id}已撤销`);
  if (r.psn_no && r.psn_no !== s.psnNo) refuse(`${at}人员编号(psn_no)与结算ID(setl_id)不符`);
  return { mdtrtId: s.mdtrtId };
}

function packOf(c: Ctx, code: string): number {
  const it = c.catalog().item(code);
  return Math.max(1, Number(it?.d.pack ?? 1));
}

/** Checks one sale row against the codes already sold; returns the code changes it makes. */
function planSale(c: Ctx, r: Row, codes: string[], taken: Map<string, CodeState>): void {
  const units = new Dec(r.sel_retn_cnt);
  if (!units.isPositive()) throw new Business(`销售数量(sel_retn_cnt)必须大于0`);
  const state = (code: string) => taken.get(code) ?? c.trace.codes.get(code);
  if (r.trdn_flag === '0') {
    if (codes.length > units.ceil().toNumber()) throw new Business(`追溯码数量${codes.length}超过销售数量${r.sel_retn_cnt}`);
    for (const code of codes) {
      const s = state(code);
      if (s && (s.whole || s.units > 0)) throw new Business(`追溯码${code}已销售`);
      taken.set(code, { whole: true, units: 0, pack: packOf(c, r.med_list_codg), sales: [...(s?.sales ?? [])] });
    }
    return;
  }
  let left = units.toNumber();
  for (const code of codes) {
    const s = state(code);
    if (s?.whole) throw new Business(`追溯码${code}已整盒销售`);
    const pack = s?.pack ?? packOf(c, r.med_list_codg);
    const use = Math.min(left, pack - (s?.units ?? 0));
    if (use <= 0) throw new Business(`追溯码${code}拆零数量已用完`);
    taken.set(code, { whole: false, units: (s?.units ?? 0) + use, pack, sales: [...(s?.sales ?? [])] });
    left -= use;
  }
  if (codes.length && left > 0) throw new Business(`拆零销售数量${r.sel_retn_cnt}超过追溯码包装剩余数量`);
}

function sell(c: Ctx, list: Row[], node: string): Record<string, unknown> {
  const raws = (Array.isArray(c.raw[node]) ? c.raw[node] : [c.raw[node]]) as unknown[];
  const seen = new Set<string>();
  const taken = new Map<string, CodeState>();
  const sales: Sale[] = [];
  try {
    list.forEach((r, i) => {
      const at = where(c.infno, node, node === 'selinfo' ? undefined : i);
      const codes = codesOf(c, raws[i], r, at);
      for (const code of codes) {
        if (seen.has(code)) refuse(`${at}追溯码(drug_trac_codg)${code}在本次上传中重复`);
        seen.add(code);
      }
      const { mdtrtId } = checkSettlement(c, r, at);
      if (!c.catalog().item(r.med_list_codg)) refuse(`${at}医疗目录编码(med_list_codg)${r.med_list_codg}不在医保目录中`);
      planSale(c, r, codes, taken);
      sales.push(saleOf(c, r, codes, mdtrtId));
    });
  } catch (err) {
    if (err instanceof Business) return { result: { retRslt: '0', msgRslt: err.message } };
    throw err;
  }
  for (const s of sales) {
    c.trace.add(s);
    for (const code of s.codes) taken.get(code)!.sales.push(s.id);
  }
  for (const [code, st] of taken) c.trace.codes.set(code, st);
  return { result: { retRslt: '1', msgRslt: '成功' } };
}

function saleOf(c: Ctx, r: Row, codes: string[], mdtrtId: string): Sale {
  return {
    id: `XS${c.books.counter('sale')}`, institution: c.institution.code, setlId: r.setl_id, mdtrtId, mdtrtSn: r.mdtrt_sn, psnNo: r.psn_no,
    psnCertType: r.psn_cert_type, certno: r.certno, psnName: r.psn_name, medListCodg: r.med_list_codg, hisId: r.fixmedins_hilist_id,
    hisName: r.fixmedins_hilist_name, bchno: r.fixmedins_bchno, trdnFlag: r.trdn_flag, cnt: r.sel_retn_cnt, codes, time: r.sel_retn_time,
    opterName: r.sel_retn_opter_name, setlType: r.mdtrt_setl_type, returned: false,
  };
}

export const sale: Handler = (c) => sell(c, [one(c, 'selinfo')], 'selinfo');
export const saleBatch: Handler = (c) => sell(c, rows(c, 'selinfoDetail'), 'selinfoDetail');

export const saleReturn: Handler = (c) => {
  const r = one(c, 'selinfo');
  const at = where(c.infno, 'selinfo');
  const codes = codesOf(c, c.raw.selinfo, r, at);
  const candidates = c.trace.salesFor(TraceBook.saleKey(c.institution.code, r.setl_id || r.mdtrt_sn, r.med_list_codg, r.fixmedins_bchno)).filter((s) => !s.returned);
  const match = codes.length ? candidates.find((s) => codes.every((x) => s.codes.includes(x))) : candidates[0];
  if (!match) return { result: { retRslt: '0', msgRslt: '未查询到对应的销售记录' } };
  match.returned = true;
  for (const code of match.codes) {
    const st = c.trace.codes.get(code);
    if (!st || (codes.length && !codes.includes(code))) continue;
    if (st.whole) st.whole = false;
    else st.units = Math.max(0, st.units - Number(match.cnt));
  }
  return { result: { retRslt: '1', msgRslt: '成功' } };
};

export const traceQuery: Handler = (c) => {
  const d = one(c, 'data');
  if (d.fixmedins_code !== c.institution.code) refuse(`${where(c.infno, 'data')}定点医药机构编号(fixmedins_code)与报文头不一致`);
  const found = c.trace.find({ inst: c.institution.code, code: d.drug_trac_codg, psnNo: d.psn_no, mdtrtId: d.mdtrt_id }).filter(
    (s) => (!d.med_list_codg || s.medListCodg === d.med_list_codg) && (!d.medins_list_codg || s.hisId === d.medins_list_codg) &&
      (!d.fixmedins_bchno || s.bchno === d.fixmedins_bchno) && (!d.begndate || s.time.slice(0, 10) >= d.begndate) && (!d.enddate || s.time.slice(0, 10) <= d.enddate),
  );
  return {
    data: found.flatMap((s) => (s.codes.length ? s.codes : ['']).filter((code) => !d.drug_trac_codg || code === d.drug_trac_codg).map((code) => ({
      fixmedins_code: s.institution, med_list_codg: s.medListCodg, medins_list_codg: s.hisId, medins_list_name: s.hisName, fixmedins_bchno: s.bchno,
      mdtrt_id: s.mdtrtId || null, mdtrt_setl_type: s.setlType || null, bkkp_sn: s.id, drug_trac_codg: code || null, psn_no: s.psnNo || null,
      psn_cert_type: s.psnCertType || null, certno: s.certno || null, psn_name: s.psnName || null, memo: s.returned ? '已退货' : null,
      trdn_flag: s.trdnFlag, updt_time: s.time, opter_name: s.opterName, rid: s.id, crte_time: s.time, opt_time: s.time, opter_id: null,
      crter_name: s.opterName, crter_id: null, optins_no: null,
    }))),
  };
};
