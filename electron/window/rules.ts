// The window's rules that are not money: who may settle card-free, and the chronic-outpatient
// checks (registered disease only; prescriptions up to 3 months for registered stable patients).
import type { CardFreeRules } from '../api/contract';
import type { SettingsRepo } from '../store/settings';
import { AppFailure } from '../core/result';
import * as v from 'valibot';

const CARD_FREE_KEY = 'window.cardFree';
export const DEFAULT_CARD_FREE: CardFreeRules = { poverty: true, lowIncome: false, destitute: false };

/** Longest prescription (days) of a registered, stable chronic patient (the seeds: 3 months). */
export const STABLE_MAX_DAYS = 90;
/** Longest prescription otherwise (the seeds: the former 15-day limit). */
export const DEFAULT_MAX_DAYS = 15;

export const IDENTITY_NAMES: Record<string, string> = {
  poverty: '建档立卡贫困人口',
  lowIncome: '低保对象',
  destitute: '特困人员',
  severeDisability: '重度残疾人',
  atRisk: '边缘易致贫户',
};

export function readCardFreeRules(settings: SettingsRepo): CardFreeRules {
  const stored = settings.read(CARD_FREE_KEY, v.partial(v.object({ poverty: v.boolean(), lowIncome: v.boolean(), destitute: v.boolean() })));
  return { ...DEFAULT_CARD_FREE, ...(stored ?? {}) };
}

export function writeCardFreeRules(settings: SettingsRepo, rules: CardFreeRules): CardFreeRules {
  settings.set(CARD_FREE_KEY, rules);
  return rules;
}

/** The identity that allows this person card-free settlement, or undefined. */
export function cardFreeBasis(identities: readonly string[], rules: CardFreeRules): string | undefined {
  return (['poverty', 'lowIncome', 'destitute'] as const).find((k) => rules[k] && identities.includes(k));
}

export function refuseCardFree(identities: readonly string[], rules: CardFreeRules): never {
  const allowed = (['poverty', 'lowIncome', 'destitute'] as const).filter((k) => rules[k]).map((k) => IDENTITY_NAMES[k]);
  const has = identities.map((i) => IDENTITY_NAMES[i] ?? i).join('、') || '普通参保人';
  throw new AppFailure({
    code: 'CARD_FREE_NOT_ALLOWED',
    message: `该参保人（${has}）不能无卡结算：本机构只允许${allowed.join('、') || '（无）'}无卡结算，请读社保卡或扫医保电子凭证`,
    detail: `card-free refused for identities [${identities.join(',')}]`,
  });
}

export interface ChronicRegistrationLike {
  code: string;
  name: string;
  stable: boolean;
}

/** Checks a chronic visit; returns the registration it settles under. */
export function checkChronicVisit(registered: readonly ChronicRegistrationLike[], code: string | undefined, days: number | undefined): ChronicRegistrationLike {
  if (registered.length === 0) {
    throw new AppFailure({ code: 'CHRONIC_NOT_REGISTERED', message: '该参保人没有登记门诊慢性病，不能按门诊慢病结算（可按普通门诊结算）', detail: 'no chronic registration' });
  }
  const reg = registered.find((r) => r.code === code);
  if (!reg) {
    const list = registered.map((r) => `${r.name}（${r.code}）`).join('、');
    throw new AppFailure({ code: 'CHRONIC_DISEASE_NOT_REGISTERED', message: `门诊慢病只能按已登记的病种结算：${list}`, detail: `chronic code ${code} not registered`, field: 'chronicCode' });
  }
  if (days !== undefined) {
    const max = reg.stable ? STABLE_MAX_DAYS : DEFAULT_MAX_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      throw new AppFailure({
        code: 'PRESCRIPTION_TOO_LONG',
        message: reg.stable
          ? `处方用药天数应为 1–${max} 天（登记的病情稳定慢病患者最长 3 个月）`
          : `处方用药天数应为 1–${max} 天（病情未登记为稳定的患者不能开长处方）`,
        detail: `prescription ${days} days above ${max}`,
        field: 'prescriptionDays',
      });
    }
  }
  return reg;
}
