// Year-to-date bookkeeping of one person: accumulators per ytdKey and the year's compliant
// burden, for one calendar year. The first visit of a new year starts from zero.
import { ZERO } from '../money';
import type { SettlementResult, YearBurden, YtdMap } from './types';

export interface YtdBook {
  year: number;
  ytd: YtdMap;
  yearBurden: YearBurden;
}

export function emptyYtdBook(year: number): YtdBook {
  return { year, ytd: {}, yearBurden: { inpatient: ZERO, chronic: ZERO } };
}

/** The book to settle a visit of `year` against: the person's book if it is that year's, else empty. */
export function ytdFor(book: YtdBook | undefined, year: number): YtdBook {
  return book && book.year === year ? book : emptyYtdBook(year);
}

/** The book after a settlement (a new object; the old one is left as it was). */
export function applyYtd(book: YtdBook | undefined, r: SettlementResult): YtdBook {
  const prev = ytdFor(book, r.year);
  return { year: r.year, ytd: { ...prev.ytd, ...r.ytd }, yearBurden: r.yearBurden };
}
