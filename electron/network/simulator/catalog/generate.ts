// Generates the first (full) version of every catalog, deterministically from a seed and fast
// (12,000 drug rows in well under a second): plausible names, specifications, dosage forms,
// manufacturers and approval numbers, with the platform's class, self-pay ratio and price cap.
import { BRAND_WORDS, FORMS, MAKER_KINDS, MAKER_PLACES, MAKER_WORDS, PATENT, WESTERN } from './data-drugs';
import { CHRONIC, CONSUMABLES, DIAGNOSES, HERB_PROCESSES, HERBS, OPERATIONS, SERVICE_GROUPS, SMALL } from './data-items';
import { DEMO_ITEMS } from './demo';
import type { CatalogNo, Item, Truth } from './model';

export interface CatalogSizes {
  drugs: number;
  services: number;
  consumables: number;
  herbs: number;
}

export const DEFAULT_SIZES: CatalogSizes = { drugs: 12_000, services: 3_000, consumables: 1_500, herbs: 800 };

export type Rng = () => number;

export const FIRST_DAY = '2024-01-01';
const FIRST_TIME = `${FIRST_DAY} 00:00:00`;
const PROPS = ['0.05', '0.10', '0.10', '0.15', '0.20', '0.30'];

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

export interface Generated {
  items: Item[];
  truths: Truth[];
}

export class Builder {
  readonly items: Item[] = [];
  readonly truths: Truth[] = [];
  private rid = 0;
  constructor(readonly ver: string, readonly day: string, readonly updt: string) {}

  nextRid(cat: string): string {
    return `R${cat}${String(++this.rid).padStart(12, '0')}`;
  }

  add(cat: CatalogNo, code: string, name: string, listType: string, d: Item['d']): Item {
    const item: Item = { code, cat, name, listType, d, begndate: this.day === FIRST_DAY ? '2020-01-01' : this.day, enddate: '', valid: true, ver: this.ver, updt: this.updt, rid: this.nextRid(cat) };
    this.items.push(item);
    return item;
  }

  truth(code: string, lv: string, chrgType: string, prop: string, cap: string): void {
    this.truths.push({ code, from: this.day === FIRST_DAY ? '2020-01-01' : this.day, lv, chrgType, prop, cap, updt: this.updt, rid: this.nextRid('T') });
  }
}

/** A class and ratio drawn for a generated code: 甲 ~45 %, 乙 ~45 %, 丙 ~10 %. */
export function drawClass(rng: Rng, injection = false): { lv: string; prop: string } {
  const r = rng();
  if (r < (injection ? 0.3 : 0.45)) return { lv: '01', prop: '0' };
  if (r < 0.9) return { lv: '02', prop: pick(rng, PROPS) };
  return { lv: '03', prop: '1' };
}

function makers(rng: Rng, n: number): { name: string; code: string }[] {
  const seen = new Set<string>();
  const out: { name: string; code: string }[] = [];
  while (out.length < n) {
    const name = `${pick(rng, MAKER_PLACES)}${pick(rng, MAKER_WORDS)}${pick(rng, MAKER_KINDS)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, code: `E${String(10000000 + out.length * 7919).slice(-8)}` });
  }
  return out;
}

interface DrugEntry {
  name: string;
  py: string;
  atc: string;
  patent: boolean;
  forms: { form: string; specs: string[] }[];
}

function parseDrugs(table: string, patent: boolean): DrugEntry[] {
  return table.trim().split('\n').map((line) => {
    const [name, py, atc, forms] = line.split('|');
    return { name, py, atc, patent, forms: forms.split(';').map((f) => ({ form: f.slice(0, 4), specs: f.slice(5).split(',') })) };
  });
}

export function genericName(base: string, formCode: string): string {
  const affix = FORMS[formCode].affix;
  return affix.startsWith('^') ? `${affix.slice(1)}${base}` : `${base}${affix}`;
}

function addDemo(b: Builder): void {
  for (const it of DEMO_ITEMS) {
    const d: Item['d'] = it.drug
      ? { gen: it.name, py: '', form: it.drug.form, spec: it.drug.spec, pack: it.drug.pack, unit: it.drug.unit, maker: '山东鲁康制药有限公司', makerCode: 'E10000000', aprv: `国药准字${it.code.startsWith('Z') ? 'Z' : 'H'}37020001`, std: '86900000000001', tcm: it.code.startsWith('Z') ? 1 : 0, otc: 0, bas: 1 }
      : { unit: it.chrgType === '01' ? '日' : '次', chrgType: it.chrgType, spec: '' };
    b.add(it.cat, it.code, it.name, it.listType, d);
    b.truth(it.code, it.lv, it.chrgType, it.prop, it.cap ?? '');
  }
}

function addDrugs(b: Builder, rng: Rng, target: number, taken: Set<string>): void {
  const entries = [...parseDrugs(WESTERN, false), ...parseDrugs(PATENT, true)];
  const makerList = makers(rng, 260);
  const combos = entries.flatMap((e, gi) => e.forms.flatMap((f) => f.specs.map((spec) => ({ e, gi, form: f.form, spec }))));
  const per = Math.ceil(target / combos.length);
  let serial = 50000;
  let made = 0;
  for (const c of combos) {
    const n = Math.max(1, per + Math.floor(rng() * 3) - 1);
    for (let k = 0; k < n && made < target; k++) {
      const letter = c.e.py[0];
      const code = c.e.patent
        ? `Z${c.e.atc}${letter}${String(c.gi).padStart(4, '0')}0101${String(++serial).padStart(5, '0')}`
        : `X${c.e.atc}${letter}${String(c.gi).padStart(3, '0')}${c.form}0101${String(++serial).padStart(5, '0')}`;
      if (taken.has(code)) continue;
      taken.add(code);
      const form = FORMS[c.form];
      const maker = pick(rng, makerList);
      const gen = genericName(c.e.name, c.form);
      const brand = rng() < 0.25 ? `${pick(rng, BRAND_WORDS)}${pick(rng, BRAND_WORDS)}` : '';
      const kind = c.e.patent ? 'Z' : /胰岛素|白蛋白/.test(c.e.name) ? 'S' : 'H';
      b.add('1301', code, gen, c.e.patent ? '102' : '101', {
        gen, brand, py: c.e.py, form: c.form, spec: c.spec, pack: pick(rng, form.packs), unit: form.unit,
        maker: maker.name, makerCode: maker.code, aprv: `国药准字${kind}${pick(rng, ['19', '20', '37', '32', '44', '51'])}${digits(rng, 6)}`,
        std: `869${digits(rng, 11)}`, tcm: c.e.patent ? 1 : 0, otc: rng() < 0.2 ? 1 : 0, bas: rng() < 0.4 ? 1 : 0,
      });
      const cls = drawClass(rng, c.form.startsWith('B'));
      b.truth(code, cls.lv, c.e.patent ? '11' : '09', cls.prop, rng() < 0.08 ? (1 + rng() * 120).toFixed(2) : '');
      made++;
    }
  }
}

const SERVICE_VARIANTS = ['', '（急诊加收）', '（儿童加收）', '（夜间加收）', '（床旁）', '（复查）', '（疑难加收）'];

function addServices(b: Builder, rng: Rng, target: number): void {
  const named = (prefix: string, name: string, part: string) =>
    !part ? name : prefix === '0025' ? `${name}（${part}）` : part.startsWith('（') ? `${name}${part}` : `${part}${name}`;
  const combos = SERVICE_GROUPS.flatMap((g) => g.names.flatMap((name) => (g.parts ?? ['']).map((part) => ({ g, name: named(g.prefix, name, part) }))));
  let seq = 0;
  for (const variant of SERVICE_VARIANTS) {
    for (const c of combos) {
      if (seq >= target) return;
      const code = `${c.g.prefix}9${String(++seq).padStart(6, '0')}0000`;
      const price = c.g.price * (variant ? 1.3 : 1) * (0.8 + rng() * 0.7);
      const cls = rng() < 0.7 ? { lv: '01', prop: '0' } : drawClass(rng);
      b.add('1305', code, `${c.name}${variant}`, '201', { unit: c.g.unit, chrgType: c.g.chrgType, spec: '' });
      b.truth(code, cls.lv, c.g.chrgType, cls.prop, (Math.round(price * 2) / 2).toFixed(2));
    }
  }
}

function addConsumables(b: Builder, rng: Rng, target: number): void {
  const makerList = makers(rng, 60);
  const combos = CONSUMABLES.flatMap(([name, specs, price], gi) => specs.split('|').map((spec, si) => ({ name, spec, price, gi, si })));
  const per = Math.ceil(target / combos.length);
  let serial = 0;
  for (const c of combos) {
    for (let k = 0; k < per && serial < target; k++) {
      const code = `C14${String(c.gi).padStart(2, '0')}${String(c.si).padStart(2, '0')}9${String(++serial).padStart(13, '0')}`;
      const maker = pick(rng, makerList);
      b.add('1306', code, c.name, '301', { spec: c.spec, unit: '个', maker: maker.name, makerCode: maker.code, reg: `鲁械注准${2018 + Math.floor(rng() * 7)}2${digits(rng, 6)}` });
      const cls = drawClass(rng);
      b.truth(code, cls.lv, '08', cls.prop, (c.price * (0.8 + rng() * 0.6)).toFixed(2));
    }
  }
}

function addHerbs(b: Builder, rng: Rng, target: number): void {
  let n = 0;
  for (const grade of ['统货', '选货', '一等']) {
    for (const [hi, herb] of HERBS.entries()) {
      const m = /^(.+?)([A-Z]+)$/.exec(herb)!;
      for (const [pi, proc] of HERB_PROCESSES.entries()) {
        if (n >= target) return;
        if (pi > 0 && rng() < 0.6) continue;
        const code = `T${String(hi).padStart(4, '0')}${String(pi).padStart(2, '0')}${grade === '统货' ? '01' : grade === '选货' ? '02' : '03'}0001`;
        b.add('1302', code, `${proc}${m[1]}`, '103', { py: m[2], grade, part: '根', unit: 'g', base: m[1], proc });
        const cls = rng() < 0.85 ? { lv: '01', prop: '0' } : { lv: '03', prop: '1' };
        b.truth(code, cls.lv, '10', cls.prop, '');
        n++;
      }
    }
  }
}

function addReference(b: Builder): void {
  for (const [code, name] of DIAGNOSES) b.add('1307', code, name, '', { chapter: code[0] });
  for (const [code, name] of OPERATIONS) b.add('1308', code, name, '', {});
  for (const [code, name] of CHRONIC) b.add('1309', code, name, '', {});
  for (const [cat, rows] of Object.entries(SMALL)) {
    for (const [code, name] of rows) {
      b.add(cat as CatalogNo, code, name, cat === '1303' ? '104' : '', { unit: '瓶', spec: '' });
      if (cat === '1303') b.truth(code, '02', '11', '0.10', '');
    }
  }
}

const cache = new Map<string, Generated>();

/**
 * The first version of every catalog. Generated once per process for a seed and size (a test run
 * starts many simulators); callers copy the items before changing them.
 */
export function generateFirst(seed: number, sizes: CatalogSizes, ver: string): Generated {
  const key = JSON.stringify([seed, sizes, ver]);
  let g = cache.get(key);
  if (!g) {
    g = generateFresh(seed, sizes, ver);
    if (cache.size >= 2) cache.delete(cache.keys().next().value as string);
    cache.set(key, g);
  }
  return g;
}

function generateFresh(seed: number, sizes: CatalogSizes, ver: string): Generated {
  let a = (seed ^ 0x5eed) >>> 0;
  const rng: Rng = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const b = new Builder(ver, FIRST_DAY, FIRST_TIME);
  const taken = new Set(DEMO_ITEMS.map((i) => i.code));
  addDemo(b);
  addDrugs(b, rng, sizes.drugs, taken);
  addServices(b, rng, sizes.services);
  addConsumables(b, rng, sizes.consumables);
  addHerbs(b, rng, sizes.herbs);
  addReference(b);
  return { items: b.items, truths: b.truths };
}
