// Upper bounds of what a cashier types: a line's quantity and the cash received. A typo such as
// 99999999999999 is refused with a message instead of showing absurd change; the bounds are a
// technician's setting (系统设置 → 输入上限) with sane defaults.
import type { InputLimits } from '../api/contract';
import type { SettingsRepo } from '../store/settings';
import { AppFailure } from '../core/result';
import { dec } from '../core/money';
import { int, money, obj, v, whole } from '../api/validate';
import { fail, ok } from '../core/result';

const KEY = 'window.inputLimits';
export const DEFAULT_INPUT_LIMITS: InputLimits = { maxQuantity: 999, maxTendered: '20000.00' };

export function readInputLimits(settings: SettingsRepo): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, ...(settings.read(KEY, v.partial(v.object({ maxQuantity: v.number(), maxTendered: v.string() }))) ?? {}) };
}

export function writeInputLimits(settings: SettingsRepo, limits: InputLimits): InputLimits {
  settings.set(KEY, limits);
  return limits;
}

const tenderedBound = v.pipe(
  money(),
  v.check((s) => !dec(s).lessThan(1) && !dec(s).greaterThan(1_000_000), whole('实收金额上限应在 1 到 1000000 元之间')),
  v.transform((s) => dec(s).toFixed(2)),
);

export const inputLimitsInput = obj({ maxQuantity: int({ min: 1, max: 100_000 }), maxTendered: tenderedBound });

/** Refuses quantities above the bound (the pattern check already refused negatives and letters). */
export function checkQuantities(lines: readonly { quantity: string }[] | undefined, limits: InputLimits): void {
  (lines ?? []).forEach((l, i) => {
    if (dec(l.quantity).greaterThan(limits.maxQuantity)) {
      throw new AppFailure({
        code: 'VALIDATION', message: `第 ${i + 1} 条费用的数量不能超过 ${limits.maxQuantity}，请核对`,
        detail: `lines[${i}].quantity ${l.quantity} above ${limits.maxQuantity}`, field: `lines[${i}].quantity`,
      });
    }
  });
}

export function checkTendered(tendered: string, limits: InputLimits): void {
  if (dec(tendered).greaterThan(limits.maxTendered)) {
    throw new AppFailure({
      code: 'VALIDATION', message: `实收金额不能超过 ${limits.maxTendered} 元，请核对`,
      detail: `tendered ${tendered} above ${limits.maxTendered}`, field: 'payment.tendered',
    });
  }
}
