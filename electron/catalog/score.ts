// How well a national catalog row fits a HIS item, 0-100, from what the HIS knows of the item:
// its name (against the generic, trade and catalog names), specification (with units made
// comparable: 0.25g = 250mg), dosage form, manufacturer and approval number. Fields the HIS left
// empty do not count either way. A national code given by the HIS is decided elsewhere (100);
// a score from the description alone stops at 99.

export interface Described {
  name: string;
  spec?: string;
  dosageForm?: string;
  manufacturer?: string;
  approvalNo?: string;
}

export interface CandidateFields extends Described {
  genericName?: string;
  tradeName?: string;
}

export interface ScoreParts {
  name: number;
  spec: number | null;
  dosageForm: number | null;
  manufacturer: number | null;
  approvalNo: number | null;
}

const WEIGHTS = { name: 40, spec: 20, dosageForm: 10, manufacturer: 15, approvalNo: 15 };

const FULLWIDTH = /[\uff01-\uff5e]/g;

/** Full-width to half-width, no spaces or punctuation that varies between systems, lower case. */
export function normalise(s: string | undefined): string {
  return (s ?? '')
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s·•\-_/\\,，、。.:：;；"'“”‘’]/g, '')
    .replace(/[（【\[]/g, '(')
    .replace(/[）】\]]/g, ')')
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) common += Math.min(n, y.get(g) ?? 0);
  return total ? (2 * common) / total : 0;
}

/** Names: equal 1; one inside the other by length; else bigram similarity. Parenthesised additions count less. */
function nameFit(his: string, candidate: string): number {
  const a = normalise(his);
  const b = normalise(candidate);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const strip = (s: string) => s.replace(/\([^)]*\)/g, '');
  if (strip(a) && strip(a) === strip(b)) return 0.95;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.includes(short)) return 0.6 + 0.35 * (short.length / long.length);
  return similarity(a, b) * 0.9;
}

const UNIT: Record<string, [string, number]> = {
  g: ['g', 1], mg: ['g', 0.001], μg: ['g', 0.000001], ug: ['g', 0.000001], mcg: ['g', 0.000001], kg: ['g', 1000],
  ml: ['ml', 1], l: ['ml', 1000], iu: ['iu', 1], u: ['iu', 1], 万u: ['iu', 10000], 万iu: ['iu', 10000],
  克: ['g', 1], 毫克: ['g', 0.001], 微克: ['g', 0.000001], 毫升: ['ml', 1], 升: ['ml', 1000], 单位: ['iu', 1], 万单位: ['iu', 10000],
};

/** The amounts of a specification in base units ("0.25g*24粒" -> ["g:0.25"]), for comparing "0.25g" with "250mg". */
export function specAmounts(spec: string | undefined): string[] {
  // Not normalise(): its punctuation removal would take the decimal point ("0.25g" -> "025g").
  const s = (spec ?? '').replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '').replace(/×/g, '*').toLowerCase();
  const out: string[] = [];
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(万单位|万iu|万u|毫克|微克|毫升|单位|mcg|mg|μg|ug|kg|ml|iu|克|升|g|l|u)/g)) {
    const [base, factor] = UNIT[m[2]];
    // Rounded to 9 significant digits so 0.25g and 250mg meet exactly.
    out.push(`${base}:${Number((Number(m[1]) * factor).toPrecision(9))}`);
  }
  return out;
}

function specFit(his: string | undefined, candidate: string | undefined): number {
  const a = specAmounts(his);
  const b = specAmounts(candidate);
  if (a.length && b.length) return a.every((x) => b.includes(x)) || b.every((x) => a.includes(x)) ? 1 : 0;
  const x = normalise(his);
  const y = normalise(candidate);
  if (!x || !y) return 0;
  return x === y ? 1 : x.includes(y) || y.includes(x) ? 0.7 : 0;
}

/** Dosage forms: "胶囊" fits "胶囊剂"; "注射液" fits "注射剂" (the same first character is half a fit). */
function formFit(his: string | undefined, candidate: string | undefined): number {
  const a = normalise(his).replace(/剂$/, '');
  const b = normalise(candidate).replace(/剂$/, '');
  if (!a || !b) return 0;
  if (a === b || a.includes(b) || b.includes(a)) return 1;
  return a[0] === b[0] ? 0.5 : 0;
}

const MAKER_NOISE = /(股份有限公司|有限责任公司|有限公司|集团|公司|制药厂|制药|药业|药厂|生物|医药|科技|股份|厂)/g;

function makerFit(his: string | undefined, candidate: string | undefined): number {
  const a = normalise(his).replace(MAKER_NOISE, '');
  const b = normalise(candidate).replace(MAKER_NOISE, '');
  if (!a || !b) return 0;
  if (a === b || a.includes(b) || b.includes(a)) return 1;
  return similarity(a, b);
}

function approvalFit(his: string | undefined, candidate: string | undefined): number {
  const core = (s: string | undefined) => normalise(s).replace(/^国药准字/, '');
  const a = core(his);
  const b = core(candidate);
  if (!a || !b) return 0;
  return a === b ? 1 : 0;
}

/** The score of a candidate for a HIS item (0-99) and its parts (null: the HIS did not say). */
export function matchScore(his: Described, c: CandidateFields): { score: number; parts: ScoreParts } {
  const name = Math.max(nameFit(his.name, c.name), nameFit(his.name, c.genericName ?? ''), nameFit(his.name, c.tradeName ?? ''),
    // "阿莫西林" + "胶囊" as the HIS may write it
    c.genericName && c.dosageForm ? nameFit(his.name, `${c.genericName}${c.dosageForm}`) * 0.95 : 0);
  const given = (v: string | undefined) => !!normalise(v);
  const parts: ScoreParts = {
    name,
    spec: given(his.spec) ? specFit(his.spec, c.spec) : null,
    dosageForm: given(his.dosageForm) ? formFit(his.dosageForm, c.dosageForm) : null,
    manufacturer: given(his.manufacturer) ? makerFit(his.manufacturer, c.manufacturer) : null,
    approvalNo: given(his.approvalNo) ? approvalFit(his.approvalNo, c.approvalNo) : null,
  };
  let weight = WEIGHTS.name;
  let sum = WEIGHTS.name * name;
  for (const k of ['spec', 'dosageForm', 'manufacturer', 'approvalNo'] as const) {
    const p = parts[k];
    if (p === null) continue;
    weight += WEIGHTS[k];
    sum += WEIGHTS[k] * p;
  }
  // A name that does not fit at all is no match, whatever else agrees.
  const raw = name < 0.3 ? 0 : (100 * sum) / weight;
  return { score: Math.min(99, Math.round(raw)), parts };
}
