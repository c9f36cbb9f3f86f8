// Offline settlement limits and the differences policy, from the setup (settings table).
// Offline settlement is a risk the center takes on: the largest bill settled offline per visit
// (default 2,000 yuan) and per person per day (default 3,000 yuan).
import type { SettingsRepo } from '../store/settings';
import type { OfflineLimitsView } from '../api/contract';
import type { DifferencePolicy } from '../store/differences';
import { dec, fmt, toFen, yuan } from '../core/money';

const KEY = 'settlement.offlineLimits';

export const DEFAULT_LIMITS: OfflineLimitsView = { perVisit: '2000.00', perPersonDay: '3000.00', differencePolicy: 'institution' };

export function readLimits(settings: SettingsRepo): OfflineLimitsView {
  const v = settings.get<Partial<OfflineLimitsView>>(KEY) ?? {};
  return {
    perVisit: v.perVisit ?? DEFAULT_LIMITS.perVisit,
    perPersonDay: v.perPersonDay ?? DEFAULT_LIMITS.perPersonDay,
    differencePolicy: v.differencePolicy ?? DEFAULT_LIMITS.differencePolicy,
  };
}

export function writeLimits(settings: SettingsRepo, v: OfflineLimitsView): OfflineLimitsView {
  const clean = { perVisit: fmt(dec(v.perVisit)), perPersonDay: fmt(dec(v.perPersonDay)), differencePolicy: v.differencePolicy };
  settings.set(KEY, clean);
  return clean;
}

export function differencePolicy(settings: SettingsRepo): DifferencePolicy {
  return readLimits(settings).differencePolicy;
}

/** Why an offline settlement of `totalFen` is refused, or undefined when it is within the limits. */
export function offlineRefusal(limits: OfflineLimitsView, totalFen: number, personDayFen: number): string | undefined {
  const perVisit = toFen(dec(limits.perVisit));
  const perDay = toFen(dec(limits.perPersonDay));
  if (totalFen > perVisit) {
    return `医保网络不可用：本次费用 ${yuan(totalFen)} 元超过脱机结算单次限额 ${limits.perVisit} 元，请待网络恢复后结算`;
  }
  if (personDayFen + totalFen > perDay) {
    return `医保网络不可用：该参保人今日脱机结算累计将达 ${yuan(personDayFen + totalFen)} 元，超过每人每日限额 ${limits.perPersonDay} 元，请待网络恢复后结算`;
  }
  return undefined;
}
