// Prices one fee line by the platform's own catalog truth on the day the fee occurred: class
// 03 → all self-paid; a price cap → the part above it is self-paid (overlmt); class 02 → the
// self-pay ratio of the rest is paid first (preselfpay); the remainder is in scope.
import { Dec, ZERO, maxDec, roundFen } from '../../core/money';
import type { PricedLine } from './calc';
import { ratioText } from './catalog/model';
import { money, type Ctx } from './context';
import { refuse } from './errors';
import type { Row } from './fields';

export interface Priced {
  priced: PricedLine;
  result: Record<string, unknown>;
}

/** `at` is the place a refusal names, e.g. "【2204】feedetail第2条：". */
export function priceLine(c: Ctx, row: Row, at: string, allowNegative = false): Priced {
  const day = row.fee_ocur_time.slice(0, 10);
  const store = c.catalog();
  const item = store.item(row.med_list_codg);
  if (!item || !item.listType) refuse(`${at}医疗目录编码(med_list_codg)${row.med_list_codg}不在医保目录中`);
  if (item.begndate > day || (item.enddate && item.enddate < day)) refuse(`${at}医疗目录编码(med_list_codg)${row.med_list_codg}在${day}不在有效期内`);
  const t = store.truthOn(item.code, day);
  if (!t) refuse(`${at}医疗目录编码(med_list_codg)${row.med_list_codg}在${day}无支付类别`);
  if (c.cfg.requireMatching && !c.matching.codeFor(c.institution.code, row.medins_list_codg).includes(item.code)) {
    refuse(`${at}医药机构目录编码(medins_list_codg)${row.medins_list_codg}未对照到医疗目录编码(med_list_codg)${item.code}`);
  }
  const cnt = new Dec(row.cnt);
  const pric = new Dec(row.pric);
  const det = new Dec(row.det_item_fee_sumamt);
  if (cnt.isZero() || (cnt.isNegative() && !allowNegative)) refuse(`${at}数量(cnt)必须大于0：${row.cnt}`);
  if (pric.isNegative()) refuse(`${at}单价(pric)不能为负：${row.pric}`);
  if (!roundFen(cnt.times(pric)).equals(det)) {
    refuse(`${at}明细项目费用总额(det_item_fee_sumamt)${row.det_item_fee_sumamt}与数量×单价(${roundFen(cnt.times(pric)).toFixed(2)})不符`);
  }
  let fulamt = ZERO;
  let overlmt = ZERO;
  let pre = ZERO;
  let inscp = ZERO;
  if (t.lv === '03') fulamt = det;
  else {
    if (t.cap && det.isPositive()) overlmt = maxDec(ZERO, det.minus(roundFen(cnt.times(t.cap))));
    if (t.lv === '02') pre = roundFen(det.minus(overlmt).times(t.prop));
    inscp = det.minus(overlmt).minus(pre);
  }
  const d = item.d;
  return {
    priced: { det, fulamt, overlmt, preselfpay: pre, inscp },
    result: {
      feedetl_sn: row.feedetl_sn, det_item_fee_sumamt: money(det), cnt: row.cnt, pric: row.pric,
      pric_uplmt_amt: t.cap ? new Dec(t.cap).toFixed(2) : '999999.00', selfpay_prop: ratioText(t.prop), fulamt_ownpay_amt: money(fulamt),
      overlmt_amt: money(overlmt), preselfpay_amt: money(pre), inscp_scp_amt: money(inscp), chrgitm_lv: t.lv, med_chrgitm_type: t.chrgType,
      bas_medn_flag: item.cat === '1301' ? String(d.bas ?? '0') : '0', hi_nego_drug_flag: '0', chld_medc_flag: null, list_sp_item_flag: null,
      lmt_used_flag: '0', drt_reim_flag: '0', memo: null,
    },
  };
}
