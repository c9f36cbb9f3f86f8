// Input and output types of the settlement engine (see index.ts for the public surface).
import type Decimal from 'decimal.js';
import type { BillPart, FacilityLevel, InsuranceType, PolicyPack, VisitType } from '../policy/types';

/** An amount or rate: a Decimal, or a decimal string such as "1234.50" (validated by the engine). */
export type Money = Decimal | string;

export interface PersonInput {
  insuranceType: InsuranceType;
  /** e.g. `poverty`, `lowIncome`, `destitute`, `severeDisability`, `atRisk`; default none. */
  identities?: readonly string[];
  /** Schemes the person is enrolled in, e.g. `qihuibao`; default none. */
  enrolled?: readonly string[];
  /** GB/T 2260 region code of the person's insurance (used to choose the pack; optional). */
  region?: string;
}

export interface VisitInput {
  type: VisitType;
  facilityLevel: FacilityLevel;
  /** YYYY-MM-DD; must lie within the pack's effective range. */
  date: string;
}

/** The bill as class totals. `preSelfPay` and `fullSelfPay` default to 0. */
export interface FeeTotalsInput {
  total: Money;
  preSelfPay?: Money;
  fullSelfPay?: Money;
}

/** One fee line: class A in scope, class B partly self-paid first (`selfPayRatio`), class C out of catalog. */
export interface FeeLine {
  code: string;
  amount: Money;
  class: 'A' | 'B' | 'C';
  selfPayRatio?: Money;
}

/** The bill split into its parts; `inScope = total - preSelfPay - fullSelfPay`. */
export interface FeeBreakdown {
  total: Decimal;
  inScope: Decimal;
  preSelfPay: Decimal;
  fullSelfPay: Decimal;
}

/** A year-to-date accumulator of one `ytdKey`: base counted, paid by the layer, left to the patient. */
export interface Accumulator {
  base: Decimal;
  paid: Decimal;
  burden: Decimal;
}

export type YtdMap = Record<string, Accumulator>;
export type YtdInput = Record<string, { base?: Money; paid?: Money; burden?: Money }>;

/** The year's compliant personal burden (in-scope cost left to the patient) for the warnings. */
export interface YearBurden {
  inpatient: Decimal;
  chronic: Decimal;
}

export interface SettleInput {
  pack: PolicyPack;
  person: PersonInput;
  visit: VisitInput;
  /** Exactly one of `fees` and `lines`. */
  fees?: FeeTotalsInput;
  lines?: readonly FeeLine[];
  /** Accumulators of the person before this visit, keyed by ytdKey; missing ones are zero. */
  ytd?: YtdInput;
  /** The calendar year `ytd` belongs to; when it differs from the visit's year, `ytd` is ignored (new year starts at zero). */
  ytdYear?: number;
  /** The year's compliant personal burden before this visit (warnings); same year rule as `ytd`. */
  yearBurden?: { inpatient?: Money; chronic?: Money };
}

export interface LayerResult {
  key: string;
  /** Chinese name of the variant that applied. */
  name: string;
  ytdKey: string;
  /** Index of the applied entry in `pack.layers`. */
  entry: number;
  /** The base B this layer paid on. */
  base: Decimal;
  /** What the layer pays, rounded to the fen, 0 <= amount <= base. */
  amount: Decimal;
  /** One line a cashier can read: rule, base, deductible, bands, rate, cap, amount. */
  trace: string;
  /** Which part of the bill the payment came out of. */
  paidFrom: Record<BillPart, Decimal>;
}

export type WarningKind = 'inpatientStay' | 'inpatientYear' | 'chronicYear';

export interface SettlementWarning {
  kind: WarningKind;
  /** The pack's threshold and the amount that reached it. */
  threshold: Decimal;
  amount: Decimal;
  /** True when this visit crossed the threshold (it was below before). Always true for a stay. */
  crossed: boolean;
  /** Chinese text for the window and the export list. */
  message: string;
}

export interface SettlementResult {
  packId: string;
  packHash: string;
  /** The visit's calendar year; `ytd` and `yearBurden` belong to it. */
  year: number;
  fees: FeeBreakdown;
  /** Every key whose variant applied, in pack order (zero amounts included). */
  layers: LayerResult[];
  /** Paid by the patient: total minus all layers. */
  cash: Decimal;
  /** Accumulators after the visit of every ytdKey a layer of this visit applied to (merge into the person's book: `applyYtd`). */
  ytd: YtdMap;
  /** This visit's compliant personal burden: the in-scope cost the layers left to the patient. */
  compliantBurden: Decimal;
  yearBurden: YearBurden;
  warnings: SettlementWarning[];
  /** The whole explanation: the bill, one line per layer, the cash. */
  trace: string[];
}
