// THE public entry point of the policy packs and the settlement engine. Other areas import from
// here only; the exported names and types are kept stable.
//
//   validatePack(json, source): Result<PolicyPack>     a pack from JSON, every error names the field
//   packHash(pack): string                             "sha256:<hex>" of the canonical JSON, recorded on every settlement
//   choosePack(packs, region, date, fallbackRegion?)   the pack in force (person's region, else the facility's)
//   settle(input): Result<SettlementResult>            the pure engine
//   feesFromLines(lines): FeeBreakdown                 the bill's parts from fee lines (class A/B/C)
//   feesFromTotals(fees): FeeBreakdown                 the bill's parts from class totals
//   applyYtd(book, result) / ytdFor(book, year)        year-to-date bookkeeping per calendar year
//   parseCase / resultToJson / checkExpect             the case format of `settle --case`
//
// Money in results is decimal.js `Decimal` (exact, rounded to the fen where paid); inputs take a
// Decimal or a decimal string.

export type {
  PolicyPack, Layer, Band, Cap, Burden, When, LevelValue, PackWarnings, FacilityLevel, VisitType,
  InsuranceType, BillPart,
} from '../policy/types';
export { FACILITY_LEVELS, VISIT_TYPES, INSURANCE_TYPES, BILL_PARTS, LEVEL_NAMES, VISIT_NAMES, PART_NAMES } from '../policy/types';
export { validatePack } from '../policy/validate';
export { packHash, canonicalJson } from '../policy/hash';
export { choosePack, packCovers, regionPrefix } from '../policy/choose';

export type {
  Money, PersonInput, VisitInput, FeeTotalsInput, FeeLine, FeeBreakdown, Accumulator, YtdMap, YtdInput,
  YearBurden, SettleInput, LayerResult, SettlementWarning, WarningKind, SettlementResult,
} from './types';
export { settle } from './settle';
export { feesFromLines, feesFromTotals } from './fees';
export { type YtdBook, emptyYtdBook, ytdFor, applyYtd } from './ytd';
export { parseCase, resultToJson, checkExpect, type SettlementCase, type CaseExpect, type CaseJson, type PackResolver } from './case';
