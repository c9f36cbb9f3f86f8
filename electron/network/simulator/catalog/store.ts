// The platform's catalogs across versions. Version 1 is the full generated list; each later
// version changes a deterministic handful of rows (class, self-pay ratio, price cap, expiry, new
// codes). A row belongs to the version that last changed it, so "the rows after version X" is
// the union of the later versions' rows, and a client that downloads version by version ends
// with the current list. Truth periods (class / ratio / cap by date) back 1312, 1318, 1319 and
// the pricing of every fee line.
import { addDays } from '../../../core/time';
import { DEMO_ITEMS } from './demo';
import { Builder, DEFAULT_SIZES, drawClass, generateFirst, pick, type CatalogSizes, type Rng } from './generate';
import type { CatalogNo, Item, Truth, Version } from './model';
import { seededRandom } from '../faults';

const verOf = (day: string, n: number) => `${day.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
const SECOND_DAY = '2025-07-01';

interface ChangePlan {
  cls: number;
  prop: number;
  cap: number;
  expire: number;
  add: number;
}

const PLANS: Partial<Record<CatalogNo, ChangePlan>> = {
  '1301': { cls: 15, prop: 15, cap: 10, expire: 10, add: 20 },
  '1305': { cls: 5, prop: 0, cap: 20, expire: 5, add: 10 },
  '1306': { cls: 3, prop: 0, cap: 10, expire: 5, add: 5 },
  '1302': { cls: 5, prop: 0, cap: 0, expire: 2, add: 5 },
};

export class CatalogStore {
  readonly versions: Version[] = [];
  /** Bumped by every publish: files made before it are stale. */
  generation = 1;
  private readonly items = new Map<string, Item>();
  private readonly byVer = new Map<CatalogNo, Map<number, Set<string>>>();
  private readonly codes = new Map<CatalogNo, string[]>();
  private readonly truth = new Map<string, Truth[]>();
  /** Append-only logs in update order (for the paged queries' updt_time filter). */
  readonly truthLog: Truth[] = [];
  readonly itemLog: { code: string; updt: string }[] = [];
  private readonly demo = new Set(DEMO_ITEMS.map((i) => i.code));

  constructor(readonly seed: number, sizes: CatalogSizes = DEFAULT_SIZES, initialVersions = 2) {
    const v1: Version = { ver: verOf('2024-01-01', 1), day: '2024-01-01', n: 1 };
    this.versions.push(v1);
    const first = generateFirst(seed, sizes, v1.ver);
    for (const it of first.items) this.putItem({ ...it }, 1);
    for (const t of first.truths) this.putTruth(t);
    for (let n = 2; n <= initialVersions; n++) this.publish(n === 2 ? SECOND_DAY : this.versions[this.versions.length - 1].day, `${SECOND_DAY} 00:00:00`);
  }

  item(code: string): Item | undefined {
    return this.items.get(code);
  }

  /** Class, ratio and cap in force on `day` (yyyy-MM-dd). */
  truthOn(code: string, day: string): Truth | undefined {
    const periods = this.truth.get(code);
    if (!periods) return undefined;
    let found: Truth | undefined;
    for (const p of periods) if (p.from <= day) found = p;
    return found;
  }

  periods(code: string): readonly Truth[] {
    return this.truth.get(code) ?? [];
  }

  count(cat: CatalogNo): number {
    return this.codes.get(cat)?.length ?? 0;
  }

  /** The first version after `ver` that has rows of `cat` ("0" or an unknown form = from the start). */
  nextVersion(cat: CatalogNo, ver: string): Version | undefined {
    const from = /^\d{11}$/.test(ver) ? ver : '0';
    const sets = this.byVer.get(cat);
    return this.versions.find((v) => v.ver > from && (sets?.get(v.n)?.size ?? 0) > 0);
  }

  rowsOf(cat: CatalogNo, n: number): Item[] {
    return [...(this.byVer.get(cat)?.get(n) ?? [])].map((c) => this.items.get(c)!);
  }

  latest(): Version {
    return this.versions[this.versions.length - 1];
  }

  /** Publishes the next version with its deterministic changes; `day` is when it takes effect. */
  publish(day: string, updt: string): Version {
    const last = this.latest();
    const effective = day < last.day ? last.day : day;
    const v: Version = { ver: verOf(effective, last.n + 1), day: effective, n: last.n + 1 };
    this.versions.push(v);
    this.generation += 1;
    const rng = seededRandom((this.seed * 31 + v.n * 7919) >>> 0);
    // The logs stay sorted by update time even when the clock is behind the last version.
    const lastUpdt = this.truthLog[this.truthLog.length - 1]?.updt ?? '';
    const b = new Builder(v.ver, v.day, updt < lastUpdt ? lastUpdt : updt);
    for (const [cat, plan] of Object.entries(PLANS) as [CatalogNo, ChangePlan][]) this.change(cat, plan, v, b, rng);
    return v;
  }

  private change(cat: CatalogNo, plan: ChangePlan, v: Version, b: Builder, rng: Rng): void {
    const list = this.codes.get(cat) ?? [];
    const candidates = (n: number, ok: (it: Item, t: Truth | undefined) => boolean): Item[] => {
      const out: Item[] = [];
      for (let tries = 0; out.length < n && tries < n * 20; tries++) {
        const it = this.items.get(pick(rng, list))!;
        if (this.demo.has(it.code) || !it.valid || out.includes(it)) continue;
        if (ok(it, this.truthOn(it.code, v.day))) out.push(it);
      }
      return out;
    };
    const retruth = (it: Item, t: Truth, patch: Partial<Truth>) => this.putTruth({ ...t, ...patch, code: it.code, from: v.day, updt: b.updt, rid: b.nextRid('T') });
    for (const it of candidates(plan.cls, (_i, t) => !!t)) {
      const t = this.truthOn(it.code, v.day)!;
      let cls = drawClass(rng);
      while (cls.lv === t.lv) cls = drawClass(rng);
      retruth(it, t, cls);
      this.touch(it, v, b.updt);
    }
    for (const it of candidates(plan.prop, (_i, t) => t?.lv === '02')) {
      const t = this.truthOn(it.code, v.day)!;
      retruth(it, t, { prop: t.prop === '0.30' ? '0.20' : (Number(t.prop) + 0.05).toFixed(2) });
    }
    for (const it of candidates(plan.cap, (_i, t) => !!t)) {
      const t = this.truthOn(it.code, v.day)!;
      const base = t.cap ? Number(t.cap) : 5 + rng() * 50;
      retruth(it, t, { cap: (base * (0.85 + rng() * 0.3)).toFixed(2) });
    }
    for (const it of candidates(plan.expire, () => true)) {
      it.valid = false;
      it.enddate = addDays(v.day, -1);
      this.touch(it, v, b.updt);
    }
    for (const tpl of candidates(plan.add, (_i, t) => !!t)) {
      const code = `${tpl.code.slice(0, -5)}${String(70000 + v.n * 100 + b.items.length).slice(-5)}`;
      if (this.items.has(code)) continue;
      const it = b.add(cat, code, tpl.name, tpl.listType, { ...tpl.d });
      this.putItem(it, v.n);
      const t = this.truthOn(tpl.code, v.day)!;
      this.putTruth({ ...t, code, from: v.day, updt: b.updt, rid: b.nextRid('T') });
    }
  }

  private touch(it: Item, v: Version, updt: string): void {
    const prev = this.byVer.get(it.cat)?.get(Number(this.versions.find((x) => x.ver === it.ver)?.n));
    prev?.delete(it.code);
    it.ver = v.ver;
    it.updt = updt;
    this.setOf(it.cat, v.n).add(it.code);
    this.itemLog.push({ code: it.code, updt });
  }

  private setOf(cat: CatalogNo, n: number): Set<string> {
    let m = this.byVer.get(cat);
    if (!m) this.byVer.set(cat, (m = new Map()));
    let s = m.get(n);
    if (!s) m.set(n, (s = new Set()));
    return s;
  }

  private putItem(it: Item, n: number): void {
    this.items.set(it.code, it);
    this.setOf(it.cat, n).add(it.code);
    let list = this.codes.get(it.cat);
    if (!list) this.codes.set(it.cat, (list = []));
    list.push(it.code);
    this.itemLog.push({ code: it.code, updt: it.updt });
  }

  /**
   * A code has one period per start day: a second change on the same day (class, then price cap)
   * replaces the period, which the paged queries then serve once, as it stands.
   */
  private putTruth(t: Truth): void {
    let periods = this.truth.get(t.code);
    if (!periods) this.truth.set(t.code, (periods = []));
    const same = periods.findIndex((p) => p.from === t.from);
    if (same >= 0) periods[same] = t;
    else periods.push(t);
    periods.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    this.truthLog.push(t);
  }

  /** Whether a logged period is still one of the code's periods (not replaced by a later change that day). */
  isCurrent(t: Truth): boolean {
    return this.truth.get(t.code)?.includes(t) ?? false;
  }
}

/** Index of the first entry whose updt >= `since` in a log sorted by updt. */
export function firstSince<T extends { updt: string }>(log: readonly T[], since: string): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].updt < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
