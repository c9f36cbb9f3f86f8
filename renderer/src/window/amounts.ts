// Checks of what the cashier types, run on every keystroke so a wrong number is refused at once
// with a message (the services check again). Integer arithmetic only, never a float.
import { toFen } from './fen';

const QTY = /^\d+(\.\d{1,3})?$/;

/** Why a line's quantity cannot be used, or undefined when it can. */
export function quantityProblem(text: string, max: number): string | undefined {
  const t = text.trim();
  if (!t) return '请填写数量';
  if (t.startsWith('-')) return '数量不能为负数';
  if (!QTY.test(t)) return '数量只能是数字，最多三位小数';
  const [i, f = ''] = t.split('.');
  const whole = BigInt(i);
  const frac = BigInt(f || '0');
  if (whole === 0n && frac === 0n) return '数量应大于 0';
  if (whole > BigInt(max) || (whole === BigInt(max) && frac > 0n)) return `数量不能超过 ${max}`;
  return undefined;
}

/** Why the cash received cannot be used, or undefined (empty means "exactly the amount due"). */
export function tenderedProblem(text: string, maxTendered: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (t.startsWith('-')) return '实收金额不能为负数';
  const fen = toFen(t);
  if (fen === undefined) return '实收金额只能是数字，最多两位小数';
  const max = toFen(maxTendered);
  if (max !== undefined && fen > max) return `实收金额不能超过 ${maxTendered} 元，请核对`;
  return undefined;
}
