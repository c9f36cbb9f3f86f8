// Rows of the paged term queries read into dated terms: 1312 (class chrgitm_lv and charge
// category med_chrgitm_type), 1319 (selfpay_prop per person type), 1318 (the price cap).
import { Dec, isDecimalString, roundFen, toFen } from '../core/money';
import { fileDate } from './rows';
import type { Term } from './terms-repo';

/** A ratio between 0 and 1 as a plain decimal string ("0.1000" -> "0.1", the HIS mapping's form); undefined when not one. */
export function ratioOf(s: string): string | undefined {
  const t = s.trim().replace(/^\./, '0.');
  if (!isDecimalString(t)) return undefined;
  const d = new Dec(t);
  if (d.isNegative() || d.greaterThan(1)) return undefined;
  return d.toFixed();
}

/** The term a row of query `q` gives, or undefined when the row lacks what makes one. */
export function termOf(q: string, r: Record<string, string>): Term | undefined {
  const code = r.hilist_code || r.med_list_codg || '';
  const begin = fileDate(r.begndate ?? '');
  if (!code || !begin) return undefined;
  const base = { code, begin, end: fileDate(r.enddate ?? ''), valid: (r.vali_flag ?? '1') !== '0', updt: (r.updt_time ?? '').trim(), qualifier: '', category: '', capFen: null };
  if (q === '1312') {
    if (!/^0[123]$/.test(r.chrgitm_lv ?? '')) return undefined;
    return { ...base, kind: 'class', value: r.chrgitm_lv, category: r.med_chrgitm_type ?? '' };
  }
  if (q === '1319') {
    const ratio = ratioOf(r.selfpay_prop ?? '');
    if (ratio === undefined) return undefined;
    return { ...base, kind: 'ratio', value: ratio, qualifier: r.selfpay_prop_psn_type ?? '' };
  }
  if (q === '1318') {
    const cap = (r.hilist_pric_uplmt_amt ?? '').trim();
    if (!isDecimalString(cap) || cap.startsWith('-')) return undefined;
    return { ...base, kind: 'cap', value: new Dec(cap).toFixed(2), capFen: toFen(roundFen(new Dec(cap))), qualifier: r.hilist_lmtpric_type ?? '' };
  }
  return undefined;
}
