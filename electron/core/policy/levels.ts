// `byLevel` resolution: a value of a pack at one facility level.
import type Decimal from 'decimal.js';
import { dec } from '../money';
import type { FacilityLevel, LevelValue } from './types';

/** The decimal at `level`, or undefined when a `byLevel` table lacks that level. */
export function atLevel(v: LevelValue, level: FacilityLevel): Decimal | undefined {
  if (typeof v === 'string') return dec(v);
  const s = v.byLevel[level];
  return s === undefined ? undefined : dec(s);
}

export function isByLevel(v: LevelValue | undefined): boolean {
  return v !== undefined && typeof v !== 'string';
}
