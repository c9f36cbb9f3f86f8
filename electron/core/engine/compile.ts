// A validated pack compiled once per facility level: decimals parsed, `byLevel` resolved, band
// edges made absolute, variants grouped by key. Cached per pack object, so settling is cheap.
import type Decimal from 'decimal.js';
import { ZERO } from '../money';
import { atLevel } from '../policy/levels';
import type { BillPart, FacilityLevel, Layer, LevelValue, PolicyPack, When } from '../policy/types';

/** A band with absolute edges on the base: pays `rate` on the part of x in [lo, hi). */
export interface AbsBand {
  lo: Decimal;
  hi: Decimal | undefined;
  rate: Decimal;
  /** The band as the pack states it (for the trace). */
  upTo: Decimal | undefined;
}

export interface CompiledEntry {
  index: number;
  key: string;
  name: string;
  ytdKey: string;
  when: When | undefined;
  base: readonly BillPart[];
  accumulate: 'visit' | 'year';
  bandsFrom: 'base' | 'deductible';
  /** JSON path of the first `byLevel` table lacking this level, if any. */
  missing: string | undefined;
  baseCap: Decimal | undefined;
  deductible: Decimal;
  bands: AbsBand[] | undefined;
  cap: { amount: Decimal; per: 'visit' | 'year' } | undefined;
  burden: { amount: Decimal; per: 'year' } | { ratio: Decimal; per: 'visit' } | undefined;
}

export interface CompiledKey {
  key: string;
  variants: CompiledEntry[];
}

export interface CompiledPack {
  level: FacilityLevel;
  keys: CompiledKey[];
  /** Every ytdKey the pack uses, in order of first use. */
  ytdKeys: string[];
  warnings: { inpatientStay?: Decimal; inpatientYear?: Decimal; chronicYear?: Decimal };
}

const cache = new WeakMap<PolicyPack, Map<FacilityLevel, CompiledPack>>();

export function compilePack(pack: PolicyPack, level: FacilityLevel): CompiledPack {
  let byLevel = cache.get(pack);
  if (!byLevel) {
    byLevel = new Map();
    cache.set(pack, byLevel);
  }
  let compiled = byLevel.get(level);
  if (!compiled) {
    compiled = compile(pack, level);
    byLevel.set(level, compiled);
  }
  return compiled;
}

function compile(pack: PolicyPack, level: FacilityLevel): CompiledPack {
  const keys: CompiledKey[] = [];
  const ytdKeys: string[] = [];
  pack.layers.forEach((layer, index) => {
    const entry = compileEntry(layer, index, level);
    let group = keys.find((k) => k.key === layer.key);
    if (!group) keys.push((group = { key: layer.key, variants: [] }));
    group.variants.push(entry);
    if (!ytdKeys.includes(entry.ytdKey)) ytdKeys.push(entry.ytdKey);
  });
  const w = pack.warnings;
  const num = (s: string | undefined) => (s === undefined ? undefined : atLevel(s, level));
  return {
    level,
    keys,
    ytdKeys,
    warnings: {
      inpatientStay: num(w?.inpatientStayBurden),
      inpatientYear: num(w?.inpatientYearBurden),
      chronicYear: num(w?.chronicYearBurden),
    },
  };
}

function compileEntry(layer: Layer, index: number, level: FacilityLevel): CompiledEntry {
  let missing: string | undefined;
  const path = `layers[${index}]`;
  const get = (v: LevelValue, field: string): Decimal => {
    const d = atLevel(v, level);
    if (d === undefined) {
      missing ??= `${path}.${field}.byLevel`;
      return ZERO;
    }
    return d;
  };
  const opt = (v: LevelValue | undefined, field: string) => (v === undefined ? undefined : get(v, field));
  const deductible = opt(layer.deductible, 'deductible') ?? ZERO;
  const bandsFrom = layer.bandsFrom ?? 'base';
  const bands = layer.bands?.map((b, i) => ({
    upTo: opt(b.upTo, `bands[${i}].upTo`),
    rate: get(b.rate, `bands[${i}].rate`),
  }));
  const cap = layer.cap ? { amount: get(layer.cap.amount, 'cap.amount'), per: layer.cap.per } : undefined;
  let burden: CompiledEntry['burden'];
  if (layer.burden) {
    burden = 'ratioOfInScope' in layer.burden
      ? { ratio: get(layer.burden.ratioOfInScope, 'burden.ratioOfInScope'), per: 'visit' }
      : { amount: get(layer.burden.amount, 'burden.amount'), per: 'year' };
  }
  return {
    index,
    key: layer.key,
    name: layer.name,
    ytdKey: layer.ytdKey ?? layer.key,
    when: layer.when,
    base: layer.base ?? ['inScope'],
    accumulate: layer.accumulate ?? 'visit',
    bandsFrom,
    missing,
    baseCap: opt(layer.baseCap, 'baseCap'),
    deductible,
    bands: bands && absoluteBands(bands, deductible, bandsFrom),
    cap,
    burden,
  };
}

/** Band edges on the base itself; with `bandsFrom: base` only the part above the deductible counts. */
function absoluteBands(
  bands: { upTo: Decimal | undefined; rate: Decimal }[],
  deductible: Decimal,
  from: 'base' | 'deductible',
): AbsBand[] {
  let prev = ZERO;
  return bands.map(({ upTo, rate }) => {
    let lo: Decimal;
    let hi: Decimal | undefined;
    if (from === 'deductible') {
      lo = deductible.plus(prev);
      hi = upTo && deductible.plus(upTo);
    } else {
      lo = prev.greaterThan(deductible) ? prev : deductible;
      hi = upTo && (upTo.greaterThan(deductible) ? upTo : deductible);
    }
    if (upTo) prev = upTo;
    return { lo, hi, rate, upTo };
  });
}

/** F(x): the sum over bands of rate x (the part of x in the band). */
export function bandPay(bands: readonly AbsBand[], x: Decimal): Decimal {
  let total = ZERO;
  for (const b of bands) {
    if (!x.greaterThan(b.lo)) break;
    const top = b.hi && b.hi.lessThan(x) ? b.hi : x;
    if (top.greaterThan(b.lo) && !b.rate.isZero()) total = total.plus(top.minus(b.lo).times(b.rate));
  }
  return total;
}
