// One layer of the settlement (docs/POLICY-FORMAT.md, "How one layer is computed", steps 2 to 8).
import type Decimal from 'decimal.js';
import Big from 'decimal.js';
import { roundFen, ZERO } from '../money';
import type { BillPart } from '../policy/types';
import { bandPay, type CompiledEntry } from './compile';
import type { Accumulator } from './types';

export type Parts = Record<BillPart, Decimal>;

/** What the computation saw, for the trace. */
export interface LayerWork {
  /** B: the base of this visit (after baseCap). */
  base: Decimal;
  /** The base before baseCap. */
  uncapped: Decimal;
  /** Y: the year-to-date base before the visit (accumulate: year). */
  ytdBase: Decimal;
  raw: Decimal;
  /** The burden limit L (burden layers). */
  limit: Decimal | undefined;
  /** What the cap still allowed, when there is a cap. */
  capLeft: Decimal | undefined;
  pay: Decimal;
  paidFrom: Parts;
  after: Accumulator;
}

function floorFen(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Big.ROUND_FLOOR);
}

function minD(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

/**
 * Computes one entry on what earlier layers left (`remaining`, updated in place) with the
 * accumulator `acc` of its ytdKey before the visit. `inScopeStart` is the visit's in-scope cost.
 */
export function computeLayer(e: CompiledEntry, remaining: Parts, acc: Accumulator, inScopeStart: Decimal): LayerWork {
  let uncapped = ZERO;
  for (const part of e.base) uncapped = uncapped.plus(remaining[part]);
  const B = e.baseCap && e.baseCap.lessThan(uncapped) ? e.baseCap : uncapped;
  let raw: Decimal;
  let limit: Decimal | undefined;
  if (e.bands) {
    raw = e.accumulate === 'year'
      ? bandPay(e.bands, acc.base.plus(B)).minus(bandPay(e.bands, acc.base))
      : bandPay(e.bands, B);
  } else if (e.burden && e.burden.per === 'year') {
    limit = e.burden.amount.minus(acc.burden);
    if (limit.isNegative()) limit = ZERO;
    raw = B.minus(limit);
  } else if (e.burden) {
    limit = e.burden.ratio.times(inScopeStart);
    raw = B.minus(limit);
  } else {
    raw = ZERO;
  }
  if (raw.isNegative()) raw = ZERO;
  let capLeft: Decimal | undefined;
  if (e.cap) {
    capLeft = e.cap.per === 'visit' ? e.cap.amount : e.cap.amount.minus(acc.paid);
    if (capLeft.isNegative()) capLeft = ZERO;
  }
  let pay = roundFen(capLeft && capLeft.lessThan(raw) ? capLeft : raw);
  // Never above the base, never above what the cap allows (both to the whole fen).
  pay = minD(pay, floorFen(B));
  if (capLeft) pay = minD(pay, floorFen(capLeft));
  const paidFrom = takeOut(e.base, remaining, pay);
  return {
    base: B,
    uncapped,
    ytdBase: acc.base,
    raw,
    limit,
    capLeft,
    pay,
    paidFrom,
    after: { base: acc.base.plus(B), paid: acc.paid.plus(pay), burden: acc.burden.plus(B.minus(pay)) },
  };
}

/** Takes `pay` out of `remaining` part by part in the order of `base`. */
function takeOut(base: readonly BillPart[], remaining: Parts, pay: Decimal): Parts {
  const from: Parts = { inScope: ZERO, preSelfPay: ZERO, fullSelfPay: ZERO };
  let left = pay;
  for (const part of base) {
    if (left.isZero()) break;
    const take = minD(remaining[part], left);
    remaining[part] = remaining[part].minus(take);
    from[part] = take;
    left = left.minus(take);
  }
  return from;
}
