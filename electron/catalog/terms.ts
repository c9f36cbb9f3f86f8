// The one question settlement asks the catalog: the class, self-pay ratio and price cap of a
// national code in force on a day — class and charge category from 1312, the ratio of a class-B
// (乙类) code from 1319, the cap from 1318 (NETWORK-SPEC §5.2). Undefined when the downloaded
// catalog has no class for the code on that day (the site's own mapping then stands).
import { fromFen } from '../core/money';
import type { ItemsRepo } from './items-repo';
import type { TermsRepo } from './terms-repo';

export interface CatalogTerms {
  code: string;
  date: string;
  class: 'A' | 'B' | 'C';
  /** chrgitm_lv as sent: 01 甲, 02 乙, 03 丙. */
  level: string;
  /** med_chrgitm_type (01-14), the HIS mapping's charge category. */
  category: string;
  /** "0" for class A, the 1319 ratio for class B (undefined when none is downloaded), "1" for class C. */
  selfPayRatio: string | undefined;
  /** The price cap per unit in yuan ("150.00"), when 1318 has one in force. */
  cap: string | undefined;
  /** The code is past its end date (or marked not valid) on that day. */
  expired: boolean;
}

export type TermsLookup = (code: string, date: string) => CatalogTerms | undefined;

const CLASS: Record<string, 'A' | 'B' | 'C'> = { '01': 'A', '02': 'B', '03': 'C' };

export function termsLookup(terms: TermsRepo, items: ItemsRepo): TermsLookup {
  return (code, date) => {
    const cls = terms.on('class', code, date);
    if (!cls || !CLASS[cls.value]) return undefined;
    const c = CLASS[cls.value];
    const ratio = c === 'A' ? '0' : c === 'C' ? '1' : terms.on('ratio', code, date)?.value;
    const cap = terms.on('cap', code, date);
    const item = items.get(code);
    const expired = !!item && ((!!item.end && item.end < date) || (!item.valid && !item.end));
    return {
      code, date, class: c, level: cls.value, category: cls.category, selfPayRatio: ratio,
      cap: cap?.capFen !== null && cap?.capFen !== undefined ? fromFen(cap.capFen).toFixed(2) : undefined, expired,
    };
  };
}
