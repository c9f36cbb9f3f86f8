// The policy pack as read from JSON (docs/POLICY-FORMAT.md), after validation.
// Money and rates stay decimal strings here; the engine compiles them to decimals once per pack.

export const FACILITY_LEVELS = ['village', 'township', 'county', 'city', 'province'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

export const VISIT_TYPES = ['outpatient', 'chronicOutpatient', 'inpatient'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export const INSURANCE_TYPES = ['resident', 'employee'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

/** The parts of a bill a layer may pay on. */
export const BILL_PARTS = ['inScope', 'preSelfPay', 'fullSelfPay'] as const;
export type BillPart = (typeof BILL_PARTS)[number];

/** A decimal string, or a table of decimal strings by facility level (levels may be missing). */
export type LevelValue = string | { readonly byLevel: Readonly<Partial<Record<FacilityLevel, string>>> };

export interface When {
  readonly visit?: readonly VisitType[];
  readonly insuranceType?: readonly InsuranceType[];
  readonly identitiesAny?: readonly string[];
  readonly enrolledAny?: readonly string[];
  readonly facilityLevel?: readonly FacilityLevel[];
}

export interface Band {
  readonly upTo?: LevelValue;
  readonly rate: LevelValue;
}

export interface Cap {
  readonly amount: LevelValue;
  readonly per: 'visit' | 'year';
}

export type Burden =
  | { readonly amount: LevelValue; readonly per: 'year' }
  | { readonly ratioOfInScope: LevelValue; readonly per: 'visit' };

export interface Layer {
  readonly key: string;
  readonly name: string;
  readonly ytdKey?: string;
  readonly when?: When;
  readonly base?: readonly BillPart[];
  readonly baseCap?: LevelValue;
  readonly accumulate?: 'visit' | 'year';
  readonly deductible?: LevelValue;
  readonly bands?: readonly Band[];
  readonly bandsFrom?: 'base' | 'deductible';
  readonly cap?: Cap;
  readonly burden?: Burden;
}

export interface PackWarnings {
  /** One inpatient stay's compliant personal burden at or above this flags the person. */
  readonly inpatientStayBurden?: string;
  /** The year's inpatient compliant personal burden at or above this flags the person. */
  readonly inpatientYearBurden?: string;
  /** The year's chronic-outpatient compliant personal burden at or above this flags the person. */
  readonly chronicYearBurden?: string;
}

export interface PolicyPack {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly effective: { readonly from: string; readonly to: string };
  readonly warnings?: PackWarnings;
  readonly layers: readonly Layer[];
}

export const LEVEL_NAMES: Record<FacilityLevel, string> = {
  village: '村级',
  township: '乡镇级',
  county: '县级',
  city: '市级',
  province: '省级',
};

export const VISIT_NAMES: Record<VisitType, string> = {
  outpatient: '普通门诊',
  chronicOutpatient: '门诊慢性病',
  inpatient: '住院',
};

export const PART_NAMES: Record<BillPart, string> = {
  inScope: '政策范围内费用',
  preSelfPay: '先行自付',
  fullSelfPay: '全自费',
};
