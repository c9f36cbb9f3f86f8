// A HIS item list as a site's HIS exports it, generated from the synced national catalog: some
// items carry the national code, most only the HIS's own description (its name, a specification
// written another way, a short dosage form, the maker without "有限公司", sometimes the approval
// number), and a few are the site's own items that no catalog has.
import type { Db } from '../../electron/store/db';
import type { HisItemInput } from '../../electron/catalog/his-items';

export interface HisListItem extends HisItemInput {
  /** The national code the item really is ('' = the site's own). */
  truth: string;
}

interface Row {
  code: string;
  catalog: string;
  name: string;
  generic_name: string;
  trade_name: string;
  spec: string;
  dosage_form: string;
  manufacturer: string;
  approval_no: string;
  unit: string;
}

/** "0.4g" -> "400mg", "250mg" -> "0.25g": the same amount in the other unit. */
function otherUnit(spec: string): string {
  const m = /^(\d+(?:\.\d+)?)(mg|g)$/.exec(spec);
  if (!m) return spec;
  const n = Number(m[1]);
  return m[2] === 'g' ? `${Number((n * 1000).toPrecision(9))}mg` : n >= 100 ? `${Number((n / 1000).toPrecision(9))}g` : spec;
}

const OWN = ['自制冬病夏治贴', '陪护费', '空调费', '病历本工本费', '煎药费（院内）', '自制消毒液', '体检套餐A', '复印费'];

/** `n` items made from rows valid and in force on `day` (yyyy-MM-dd; default: any begin). */
export function hisItemList(db: Db, n: number, day = '9999-12-31'): HisListItem[] {
  const rows = db.prepare(
    `SELECT code, catalog, name, generic_name, trade_name, spec, dosage_form, manufacturer, approval_no, unit FROM catalog_items
     WHERE valid = 1 AND list_type <> '' AND begin_date <= ? ORDER BY code`,
  ).all(day) as Row[];
  const out: HisListItem[] = [];
  const step = Math.max(1, Math.floor(rows.length / n));
  for (let i = 0; out.length < n; i++) {
    const hisCode = `H${String(i + 1).padStart(5, '0')}`;
    if (i % 25 === 24) {
      out.push({ hisCode, name: `${OWN[i % OWN.length]}${i}`, spec: '', dosageForm: '', manufacturer: '', approvalNo: '', nationalCode: '', unit: '次', priceFen: 500, truth: '' });
      continue;
    }
    const r = rows[(i * step + (i % 7)) % rows.length];
    const base = { hisCode, unit: r.unit, priceFen: 1000 + i, truth: r.code };
    if (i % 3 === 0) {
      out.push({ ...base, name: r.name, spec: r.spec, dosageForm: r.dosage_form, manufacturer: r.manufacturer, approvalNo: '', nationalCode: r.code });
      continue;
    }
    const drug = r.catalog === '1301';
    out.push({
      ...base,
      name: drug && r.trade_name && i % 2 ? `${r.generic_name}（${r.trade_name}）` : r.name,
      spec: drug ? otherUnit(r.spec) : r.spec,
      dosageForm: r.dosage_form.replace(/剂$/, ''),
      manufacturer: r.manufacturer.replace(/(股份)?有限公司$/, ''),
      approvalNo: drug && i % 4 === 1 ? r.approval_no.replace(/^国药准字/, '') : '',
      nationalCode: '',
    });
  }
  return out;
}

/** The same list as the CSV a HIS exports (Chinese headers). */
export function hisCsv(items: HisItemInput[]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = items.map((i) => [i.hisCode, i.name, i.spec, i.dosageForm, i.manufacturer, i.approvalNo, i.nationalCode, i.unit, i.priceFen === null ? '' : (i.priceFen / 100).toFixed(2)].map(q).join(','));
  return ['项目编码,项目名称,规格,剂型,生产厂家,批准文号,医保编码,单位,单价', ...lines].join('\n');
}
