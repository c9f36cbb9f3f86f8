// 1101 person information (baseinfo / insuinfo / idetinfo only), 2001 entitlement check,
// 5206 year-to-date figures (cuminfo), 5301 chronic-disease registrations (feedetail).
import { fmt } from '../../core/money';
import { activeRow, ageAt, identitiesAt, one, personOf, type Ctx, type Handler } from './context';
import { refuse, TEXT, where } from './errors';
import type { PlatformPerson } from './persons';
import { kindOf, rulesFor } from './rules';

function byCertificate(c: Ctx, type: string, no: string, cardSn: string): PlatformPerson {
  const at = where(c.infno, 'data');
  let p: PlatformPerson | undefined;
  if (type === '01') {
    const t = c.books.tokens.get(no);
    if (!t || c.atMs - t.atMs > c.cfg.tokenTtlMs) refuse(`${at}就诊凭证编号(mdtrt_cert_no)：电子凭证令牌无效或已过期，请重新扫码`);
    p = c.books.byKey.get(t.key);
  } else if (type === '02') {
    p = c.books.byCertno.get(no.toUpperCase());
  } else {
    if (!cardSn) refuse(`${at}卡识别码(card_sn)不能为空`);
    p = c.books.byCard.get(no);
    if (p && p.cardSn !== cardSn) refuse(`${at}卡识别码(card_sn)与社会保障卡卡号不符`);
  }
  if (!p) refuse(TEXT.personNotFound);
  return p;
}

export const personInfo: Handler = (c) => {
  const d = one(c, 'data');
  const p = byCertificate(c, d.mdtrt_cert_type, d.mdtrt_cert_no, d.card_sn);
  if (d.certno && d.certno.toUpperCase() !== p.certno) refuse(`${where(c.infno, 'data')}证件号码(certno)与就诊凭证不符`);
  const balance = c.books.balance(p.psn_no);
  return {
    baseinfo: { psn_no: p.psn_no, psn_cert_type: '01', certno: p.certno, psn_name: p.name, gend: p.gend, naty: p.naty, brdy: p.brdy, age: ageAt(p.brdy, c.day) },
    insuinfo: p.insu.map((r) => ({
      balc: r.insutype === '310' && balance ? fmt(balance) : '0.00', insutype: r.insutype, psn_type: r.psn_type, psn_insu_stas: r.psn_insu_stas,
      psn_insu_date: r.psn_insu_date, paus_insu_date: r.paus_insu_date, cvlserv_flag: r.cvlserv_flag, insuplc_admdvs: r.insuplc_admdvs, emp_name: r.emp_name,
    })),
    idetinfo: p.idet.map((r) => ({ psn_idet_type: r.psn_idet_type, psn_type_lv: r.psn_type_lv, memo: null, begntime: r.begntime, endtime: r.endtime })),
  };
};

/** The funds a person's insurance row can pay for a kind of visit, as 2001 lists them. */
function fundsFor(p: PlatformPerson, insutype: string, medType: string, identities: string[], insuplc: string): string[] {
  const kind = kindOf(medType);
  if (insutype !== '390') {
    const out = ['310101', '310201'];
    if (kind !== 'op' && p.insu.some((r) => r.insutype === '330')) out.push('330101');
    if (p.insu.some((r) => r.insutype === '320' && r.cvlserv_flag === '1')) out.push('320101');
    return out;
  }
  const rules = rulesFor(insuplc);
  const out = ['390101'];
  if (kind !== 'op') out.push('390201');
  if (rules.resident.assistance.kinds.includes(kind) && identities.some((i) => rules.resident.assistance.byIdentity[i])) out.push('610101');
  return out;
}

export const entitlement: Handler = (c) => {
  const d = one(c, 'data');
  const at = where(c.infno, 'data');
  const p = personOf(c, d.psn_no);
  if (d.fixmedins_code !== c.institution.code) refuse(`${at}定点医药机构编号(fixmedins_code)与报文头不一致`);
  const day = d.begntime.slice(0, 10);
  const { row, why } = activeRow(p, d.insutype, day);
  if (!row) refuse(`${at}险种类型(insutype)${d.insutype}：${why}`);
  const chronicMissing = kindOf(d.med_type) === 'chronic' && !p.chronic.some((r) => r.opsp_dise_code === d.dise_codg && r.begndate <= day && (!r.enddate || day <= r.enddate));
  const year = day.slice(0, 4);
  const begndate = row.psn_insu_date > `${year}-01-01` ? row.psn_insu_date : `${year}-01-01`;
  return {
    trtinfo: fundsFor(p, d.insutype, d.med_type, identitiesAt(p, d.begntime), row.insuplc_admdvs).map((fund) => {
      const reason = why || (chronicMissing ? `未办理门诊慢特病${d.dise_codg || ''}备案` : '');
      return {
        psn_no: p.psn_no, trt_chk_type: '1', fund_pay_type: fund, trt_enjymnt_flag: reason ? '0' : '1',
        begndate, enddate: `${year}-12-31`, trt_chk_rslt: reason || null,
      };
    }),
  };
};

export const yearToDate: Handler = (c) => {
  const d = one(c, 'data');
  const p = personOf(c, d.psn_no);
  if (d.cum_ym && !/^\d{4}(0[1-9]|1[0-2])$/.test(d.cum_ym)) refuse(`${where(c.infno, 'data')}累计年月(cum_ym)格式应为yyyyMM：${d.cum_ym}`);
  const ym = d.cum_ym || `${c.year}${String(c.month).padStart(2, '0')}`;
  const year = Number(ym.slice(0, 4));
  const month = Number(ym.slice(4));
  const groups = [...new Set(p.insu.filter((r) => ['310', '390'].includes(r.insutype) && r.insuplc_admdvs === p.insu[0].insuplc_admdvs).map((r) => r.insutype))];
  const cuminfo = groups.flatMap((insutype) => {
    const codes = c.books.ytdCodes(p.psn_no, year, insutype);
    const list = codes.length ? codes.sort() : ['C0000', 'S0000'];
    return list.map((code) => {
      const v = c.books.ytdOf(p.psn_no, year, insutype, code, month);
      return { insutype, year: String(year), cum_ym: ym, cum_type_code: code, cum: code.startsWith('C') ? v.toFixed(0) : fmt(v) };
    });
  });
  return { cuminfo };
};

export const chronicRegistrations: Handler = (c) => {
  const p = personOf(c, one(c, 'data').psn_no);
  return { feedetail: p.chronic.map((r) => ({ opsp_dise_code: r.opsp_dise_code, opsp_dise_name: r.opsp_dise_name, begndate: r.begndate, enddate: r.enddate })) };
};

