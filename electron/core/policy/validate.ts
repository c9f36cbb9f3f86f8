// Validation of a policy pack (docs/POLICY-FORMAT.md). Every error names the pack, the layer and the
// field (by its JSON path, e.g. `layers[2].bands[0].rate`). Returns a deep, normalized copy.
import { fail, ok, type Result } from '../result';
import { dec } from '../money';
import {
  Issue, obj, noUnknown, required, str, oneOf, list, strList, enumList, levelValue, decimal, date, join,
  isObj, type Obj,
} from './checks';
import {
  BILL_PARTS, FACILITY_LEVELS, INSURANCE_TYPES, VISIT_TYPES,
  type Band, type Burden, type Cap, type FacilityLevel, type Layer, type LevelValue, type PackWarnings,
  type PolicyPack, type When,
} from './types';

const LAYER_FIELDS = [
  'key', 'name', 'ytdKey', 'when', 'base', 'baseCap', 'accumulate', 'deductible', 'bands', 'bandsFrom', 'cap', 'burden',
] as const;
const WHEN_FIELDS = ['visit', 'insuranceType', 'identitiesAny', 'enrolledAny', 'facilityLevel'] as const;
const WARNING_FIELDS = ['inpatientStayBurden', 'inpatientYearBurden', 'chronicYearBurden'] as const;
const PACK_FIELDS = ['id', 'name', 'region', 'effective', 'warnings', 'layers'];
const PACK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Validates `json` as a policy pack. `source` names it in messages (a file name, "case inline").
 * The error's `field` is the JSON path of the offending field.
 */
export function validatePack(json: unknown, source: string): Result<PolicyPack> {
  const packName = isObj(json) && typeof json.id === 'string' ? json.id : source;
  let layerNote = { zh: '', en: '' };
  try {
    const root = obj(json, '');
    const id = str(required(root, 'id', ''), 'id');
    if (!PACK_ID.test(id)) throw new Issue('id', '策略包编号只能含字母、数字、点、横线、下划线', 'id must match [A-Za-z0-9._-]+');
    const name = str(required(root, 'name', ''), 'name');
    const region = str(required(root, 'region', ''), 'region');
    if (!/^\d{2,12}$/.test(region)) throw new Issue('region', '地区代码应为数字（如 370300）', 'region must be a numeric code such as "370300"');
    const effective = checkEffective(required(root, 'effective', ''));
    const warnings = root.warnings === undefined ? undefined : checkWarnings(root.warnings);
    const rawLayers = list(required(root, 'layers', ''), 'layers');
    if (rawLayers.length === 0) throw new Issue('layers', '至少需要一层', 'must list at least one layer');
    const layers = rawLayers.map((raw, i) => {
      const key = isObj(raw) && typeof raw.key === 'string' ? raw.key : '?';
      layerNote = { zh: `第 ${i + 1} 层（${key}）`, en: `layer ${i + 1} (${key})` };
      return checkLayer(raw, join('layers', i));
    });
    layerNote = { zh: '', en: '' };
    // Other top-level fields (a description, a version note) are kept as they are and hashed.
    const extra = Object.fromEntries(Object.entries(root).filter(([k]) => !PACK_FIELDS.includes(k)));
    const pack: PolicyPack = { ...extra, id, name, region, effective, ...(warnings ? { warnings } : {}), layers };
    return ok(pack);
  } catch (err) {
    if (!(err instanceof Issue)) throw err;
    const where = layerNote.zh ? `${layerNote.zh}，` : '';
    return fail(
      'POLICY_INVALID',
      `策略包 ${packName} 无效：${where}字段 ${err.path || '(根)'}：${err.zh}`,
      `pack ${packName} (${source}): ${layerNote.en ? layerNote.en + ', ' : ''}field ${err.path || '(root)'}: ${err.en}`,
      err.path,
    );
  }
}

function checkEffective(v: unknown): PolicyPack['effective'] {
  const o = obj(v, 'effective');
  noUnknown(o, ['from', 'to'], 'effective');
  const from = date(required(o, 'from', 'effective'), 'effective.from');
  const to = date(required(o, 'to', 'effective'), 'effective.to');
  if (to < from) throw new Issue('effective.to', '结束日期早于开始日期', 'effective.to is before effective.from');
  return { from, to };
}

function checkWarnings(v: unknown): PackWarnings {
  const o = obj(v, 'warnings');
  noUnknown(o, WARNING_FIELDS, 'warnings');
  const out: Record<string, string> = {};
  for (const k of WARNING_FIELDS) {
    if (o[k] !== undefined) out[k] = decimal(o[k], join('warnings', k), 'amount');
  }
  return out;
}

function checkLayer(raw: unknown, path: string): Layer {
  const o = obj(raw, path);
  noUnknown(o, LAYER_FIELDS, path);
  const key = str(required(o, 'key', path), join(path, 'key'));
  const name = str(required(o, 'name', path), join(path, 'name'));
  const out: { -readonly [K in keyof Layer]: Layer[K] } = { key, name };
  if (o.ytdKey !== undefined) out.ytdKey = str(o.ytdKey, join(path, 'ytdKey'));
  if (o.when !== undefined) out.when = checkWhen(o.when, join(path, 'when'));
  if (o.base !== undefined) out.base = checkBase(o.base, join(path, 'base'));
  if (o.baseCap !== undefined) out.baseCap = levelValue(o.baseCap, join(path, 'baseCap'), 'amount');
  if (o.cap !== undefined) out.cap = checkCap(o.cap, join(path, 'cap'));
  const hasBands = o.bands !== undefined;
  const hasBurden = o.burden !== undefined;
  if (hasBands && hasBurden) {
    throw new Issue(join(path, 'burden'), '同一层不能同时有 bands 和 burden', 'a layer has both "bands" and "burden"');
  }
  if (!hasBands && !hasBurden) {
    throw new Issue(join(path, 'bands'), '每层必须有 bands 或 burden 之一', 'a layer needs exactly one of "bands" and "burden"');
  }
  if (hasBurden) {
    for (const k of ['deductible', 'accumulate', 'bandsFrom'] as const) {
      if (o[k] !== undefined) throw new Issue(join(path, k), `负担封顶层不能有 ${k}`, `a burden layer cannot have "${k}"`);
    }
    out.burden = checkBurden(o.burden, join(path, 'burden'));
    return out;
  }
  if (o.accumulate !== undefined) out.accumulate = oneOf(o.accumulate, ['visit', 'year'] as const, join(path, 'accumulate'));
  if (o.deductible !== undefined) out.deductible = levelValue(o.deductible, join(path, 'deductible'), 'amount');
  if (o.bandsFrom !== undefined) out.bandsFrom = oneOf(o.bandsFrom, ['base', 'deductible'] as const, join(path, 'bandsFrom'));
  out.bands = checkBands(o.bands, join(path, 'bands'));
  return out;
}

function checkWhen(v: unknown, path: string): When {
  const o = obj(v, path);
  noUnknown(o, WHEN_FIELDS, path);
  const out: { -readonly [K in keyof When]: When[K] } = {};
  if (o.visit !== undefined) out.visit = enumList(o.visit, VISIT_TYPES, join(path, 'visit'));
  if (o.insuranceType !== undefined) out.insuranceType = enumList(o.insuranceType, INSURANCE_TYPES, join(path, 'insuranceType'));
  if (o.identitiesAny !== undefined) out.identitiesAny = strList(o.identitiesAny, join(path, 'identitiesAny'));
  if (o.enrolledAny !== undefined) out.enrolledAny = strList(o.enrolledAny, join(path, 'enrolledAny'));
  if (o.facilityLevel !== undefined) out.facilityLevel = enumList(o.facilityLevel, FACILITY_LEVELS, join(path, 'facilityLevel'));
  return out;
}

function checkBase(v: unknown, path: string): Layer['base'] {
  const parts = enumList(v, BILL_PARTS, path);
  if (parts.length === 0) throw new Issue(path, '计算基数不能为空', 'base must list at least one part');
  if (new Set(parts).size !== parts.length) throw new Issue(path, '计算基数有重复项', 'base lists a part twice');
  return parts;
}

function checkCap(v: unknown, path: string): Cap {
  const o = obj(v, path);
  noUnknown(o, ['amount', 'per'], path);
  const amount = levelValue(required(o, 'amount', path), join(path, 'amount'), 'amount');
  const per = oneOf(required(o, 'per', path), ['visit', 'year'] as const, join(path, 'per'));
  return { amount, per };
}

function checkBurden(v: unknown, path: string): Burden {
  const o = obj(v, path);
  noUnknown(o, ['amount', 'ratioOfInScope', 'per'], path);
  const per = oneOf(required(o, 'per', path), ['visit', 'year'] as const, join(path, 'per'));
  if (per === 'year') {
    if (o.ratioOfInScope !== undefined) {
      throw new Issue(join(path, 'ratioOfInScope'), 'per 为 year 时应使用 amount', '"ratioOfInScope" goes with per "visit"');
    }
    return { amount: levelValue(required(o, 'amount', path), join(path, 'amount'), 'amount'), per };
  }
  if (o.amount !== undefined) throw new Issue(join(path, 'amount'), 'per 为 visit 时应使用 ratioOfInScope', '"amount" goes with per "year"');
  return { ratioOfInScope: levelValue(required(o, 'ratioOfInScope', path), join(path, 'ratioOfInScope'), 'rate'), per };
}

function checkBands(v: unknown, path: string): Band[] {
  const raw = list(v, path);
  if (raw.length === 0) throw new Issue(path, '分段不能为空', 'bands must list at least one band');
  const bands = raw.map((b, i): Band => {
    const p = join(path, i);
    const o: Obj = obj(b, p);
    noUnknown(o, ['upTo', 'rate'], p);
    const rate = levelValue(required(o, 'rate', p), join(p, 'rate'), 'rate');
    const last = i === raw.length - 1;
    if (last && o.upTo !== undefined) throw new Issue(join(p, 'upTo'), '最后一段不能有 upTo', 'the last band must not have "upTo"');
    if (!last && o.upTo === undefined) throw new Issue(join(p, 'upTo'), '除最后一段外每段都要有 upTo', 'every band but the last needs "upTo"');
    return o.upTo === undefined ? { rate } : { upTo: levelValue(o.upTo, join(p, 'upTo'), 'amount'), rate };
  });
  checkBandOrder(bands, path);
  return bands;
}

function at(v: LevelValue, level: FacilityLevel): string | undefined {
  return typeof v === 'string' ? v : v.byLevel[level];
}

/** `upTo` strictly increasing (and above 0) for every facility level where all edges are given. */
function checkBandOrder(bands: Band[], path: string): void {
  for (const level of FACILITY_LEVELS) {
    let prev = dec('0');
    for (let i = 0; i < bands.length - 1; i++) {
      const s = at(bands[i].upTo as LevelValue, level);
      if (s === undefined) break;
      const edge = dec(s);
      if (!edge.greaterThan(prev)) {
        throw new Issue(join(join(path, i), 'upTo'), `分段上限应严格递增（${LEVEL_NAMES_SHORT[level]}：${s}）`,
          `band edges must be strictly increasing and above 0 (level ${level}: ${s})`);
      }
      prev = edge;
    }
  }
}

const LEVEL_NAMES_SHORT: Record<FacilityLevel, string> = {
  village: '村级', township: '乡镇级', county: '县级', city: '市级', province: '省级',
};
