// How the sheet names the personal part: cash stays 个人现金; a mobile payment names its method
// and carries its transaction reference, so the patient's sheet matches what the phone shows.
import { paymentLabel } from './labels';
import type { ReceiptData, ReceiptPayment } from './types';

/** The payment as kept on the sheet; the "-" a window sends for "no reference" is dropped. */
export function receiptPayment(p: { method: string; reference?: string }): ReceiptPayment {
  const out: ReceiptPayment = { method: p.method, name: paymentLabel(p.method) };
  const ref = p.reference?.trim();
  if (p.method !== 'cash' && ref && ref !== '-') out.reference = ref;
  return out;
}

/** A sheet whose personal part was paid otherwise than in cash (sheets without a method were cash). */
export function mobilePayment(r: Pick<ReceiptData, 'payment'>): ReceiptPayment | undefined {
  return r.payment && r.payment.method !== 'cash' ? r.payment : undefined;
}

/** The headline of the personal part: 个人现金支付, 个人支付（微信支付）, or the reversal's refund. */
export function personalPartLabel(r: Pick<ReceiptData, 'kind' | 'payment'>): string {
  const m = mobilePayment(r);
  if (r.kind === 'reversal') return m ? `退还个人支付（${m.name}原路退回）` : '退还个人现金';
  return m ? `个人支付（${m.name}）` : '个人现金支付';
}

/** The personal part's short name in the sheet's equation (… + 个人现金 30.39). */
export function personalPartShort(r: Pick<ReceiptData, 'payment'>): string {
  const m = mobilePayment(r);
  return m ? `个人支付（${m.name}）` : '个人现金';
}
