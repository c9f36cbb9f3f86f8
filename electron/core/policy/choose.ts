// Which pack is in force: by the insured person's region (else the facility's) and the visit date.
// Region codes are GB/T 2260 (6 digits): a pack for "370300" covers every "3703xx" district,
// a pack for "340000" the whole province. The most specific region wins; among packs of one
// region in force that day, the one that took effect last.
import type { PolicyPack } from './types';

/** "370300" -> "3703", "340000" -> "34", "370303" -> "370303". */
export function regionPrefix(region: string): string {
  let p = region;
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

export function packCovers(pack: PolicyPack, region: string, date: string): boolean {
  return region.startsWith(regionPrefix(pack.region)) && pack.effective.from <= date && date <= pack.effective.to;
}

function bestFor(packs: readonly PolicyPack[], region: string, date: string): PolicyPack | undefined {
  let best: PolicyPack | undefined;
  for (const p of packs) {
    if (!packCovers(p, region, date)) continue;
    if (!best) { best = p; continue; }
    const a = regionPrefix(p.region).length;
    const b = regionPrefix(best.region).length;
    if (a > b || (a === b && (p.effective.from > best.effective.from ||
      (p.effective.from === best.effective.from && p.id > best.id)))) best = p;
  }
  return best;
}

/**
 * The pack in force for a visit on `date` (YYYY-MM-DD): chosen by `region` (the person's),
 * else by `fallbackRegion` (the facility's). Undefined when none covers them.
 */
export function choosePack(
  packs: readonly PolicyPack[],
  region: string | undefined,
  date: string,
  fallbackRegion?: string,
): PolicyPack | undefined {
  const byPerson = region ? bestFor(packs, region, date) : undefined;
  if (byPerson) return byPerson;
  return fallbackRegion ? bestFor(packs, fallbackRegion, date) : undefined;
}
