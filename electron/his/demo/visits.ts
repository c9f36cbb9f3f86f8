// Realistic demo visits for the demo persons (electron/demo/persons.ts), as a township health
// center's HIS would send them: an inpatient stay for 张建国 (registered poor) with class B and C
// items, chronic outpatient visits for 高血压, ordinary outpatient visits. Item codes are those of
// the demo catalog mapping (catalog.csv next to this file).
import { Dec, roundFen } from '../../core/money';
import { chinaDate } from '../../core/time';
import { demoPersonByKey, type DemoPerson } from '../../demo/persons';
import type { HisFeeLine, HisVisitInput } from '../types';

type Item = [code: string, name: string, unitPrice: string, unit?: string];

const ITEMS: Record<string, Item> = {
  bed: ['CW0001', '普通病房床位费（三人间）', '25.00', '日'],
  bedSingle: ['CW0002', '单人间床位差价', '40.00', '日'],
  wardVisit: ['ZC0001', '住院诊查费', '8.00', '日'],
  consult: ['ZC0002', '一般诊疗费', '10.00', '次'],
  register: ['GH0001', '普通挂号费', '1.00', '次'],
  nursing: ['HL0001', '二级护理', '12.00', '日'],
  infusion: ['HL0002', '静脉输液（第一组）', '6.00', '组'],
  infusionMore: ['HL0003', '静脉输液（每增加一组）', '2.00', '组'],
  oxygen: ['HL0004', '氧气吸入', '2.50', '小时'],
  nebulize: ['HL0005', '雾化吸入', '8.00', '次'],
  dr: ['JC0001', '胸部正位 DR 摄影', '70.00', '次'],
  ecg: ['JC0002', '常规心电图检查', '15.00', '次'],
  ultrasound: ['JC0003', '腹部彩色多普勒超声', '120.00', '次'],
  ct: ['JC0004', '胸部 CT 平扫', '180.00', '次'],
  blood: ['HY0001', '血常规（五分类）', '20.00', '次'],
  liver: ['HY0002', '肝功能（八项）', '48.00', '次'],
  kidney: ['HY0003', '肾功能（三项）', '24.00', '次'],
  glucose: ['HY0004', '血糖测定', '6.00', '次'],
  crp: ['HY0005', 'C 反应蛋白测定', '18.00', '次'],
  urine: ['HY0006', '尿常规', '8.00', '次'],
  hba1c: ['HY0007', '糖化血红蛋白测定', '45.00', '次'],
  ceftriaxone: ['YP0001', '注射用头孢曲松钠 1g', '3.8600', '支'],
  saline: ['YP0002', '0.9% 氯化钠注射液 250ml', '2.3500', '袋'],
  glucoseInj: ['YP0003', '5% 葡萄糖注射液 250ml', '2.4800', '袋'],
  ambroxol: ['YP0004', '盐酸氨溴索注射液 15mg', '1.9500', '支'],
  amoxicillin: ['YP0005', '阿莫西林胶囊 0.25g', '0.1250', '粒'],
  ibuprofen: ['YP0006', '布洛芬缓释胶囊 0.3g', '0.4200', '粒'],
  amlodipine: ['YP0007', '苯磺酸氨氯地平片 5mg', '0.1530', '片'],
  nifedipine: ['YP0008', '硝苯地平缓释片 20mg', '0.3150', '片'],
  metformin: ['YP0009', '二甲双胍片 0.5g', '0.0650', '片'],
  omeprazole: ['YP0010', '奥美拉唑肠溶胶囊 20mg', '0.2800', '粒'],
  smectite: ['YP0011', '蒙脱石散 3g', '1.1200', '袋'],
  atorvastatin: ['YP0012', '阿托伐他汀钙片 20mg', '0.6500', '片'],
  omeprazoleInj: ['YP0013', '注射用奥美拉唑钠 40mg', '4.9000', '支'],
  licorice: ['YP0014', '复方甘草片', '0.0420', '片'],
  polyene: ['YP0015', '多烯磷脂酰胆碱胶囊', '1.3800', '粒'],
  albumin: ['YP0016', '人血白蛋白 10g', '368.0000', '瓶'],
  lianhua: ['ZY0001', '连花清瘟胶囊', '0.5500', '粒'],
  danshen: ['ZY0002', '复方丹参滴丸', '0.0960', '丸'],
  xueshuantong: ['ZY0003', '血栓通注射液', '11.6000', '支'],
  infusionSet: ['CL0001', '一次性输液器', '3.2000', '套'],
  syringe: ['CL0002', '一次性注射器 5ml', '0.4500', '支'],
  coldPatch: ['CL0003', '医用冷敷贴', '28.0000', '贴'],
  escortBed: ['QT0001', '陪护床租用', '10.00', '日'],
};

/** The visit's business day: China time, as the HIS at the center writes it. */
function ymd(d: Date): string {
  return chinaDate(d);
}

function at(d: Date, hh: number, mm = 0): string {
  return `${ymd(d)} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00`;
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

function lineOf(key: string, quantity: string | number, time: string, no: number): HisFeeLine {
  const [itemCode, itemName, unitPrice, unit] = ITEMS[key];
  const q = String(quantity);
  return { lineNo: String(no), itemCode, itemName, quantity: q, unitPrice, amount: roundFen(new Dec(q).times(unitPrice)).toFixed(2), time, ...(unit ? { unit } : {}) };
}

function build(rows: [key: string, qty: string | number, time: string][]): HisFeeLine[] {
  return rows.map(([k, q, t], i) => lineOf(k, q, t, i + 1));
}

function hints(p: DemoPerson): HisVisitInput['patient'] {
  return { idNumber: p.idNumber, name: p.name, cardNumber: p.card.cardNumber, insuranceRegion: p.region };
}

/** The inpatient stay of 张建国: 7 days, pneumonia on top of hypertension, 30 lines (B and C items included). */
function inpatient(id: string, day: Date): HisVisitInput {
  const p = demoPersonByKey('poor')!;
  const adm = addDays(day, -7);
  const d = (n: number, h: number) => at(addDays(adm, n), h);
  const rows: [string, string | number, string][] = [
    ['bed', 7, d(7, 9)], ['bedSingle', 2, d(2, 9)], ['wardVisit', 7, d(7, 9)], ['nursing', 7, d(7, 9)],
    ['dr', 1, d(0, 10)], ['ct', 1, d(1, 10)], ['ecg', 1, d(0, 11)], ['ultrasound', 1, d(2, 10)],
    ['blood', 2, d(0, 9)], ['crp', 2, d(0, 9)], ['liver', 1, d(0, 9)], ['kidney', 1, d(0, 9)], ['urine', 1, d(0, 9)],
    ['ceftriaxone', 14, d(6, 8)], ['saline', 14, d(6, 8)], ['glucoseInj', 7, d(6, 8)], ['ambroxol', 14, d(6, 8)],
    ['omeprazoleInj', 5, d(4, 8)], ['xueshuantong', 10, d(4, 8)], ['amlodipine', 7, d(6, 8)], ['atorvastatin', 7, d(6, 8)],
    ['polyene', 21, d(6, 8)], ['licorice', 42, d(6, 8)],
    ['infusion', 7, d(6, 8)], ['infusionMore', 14, d(6, 8)], ['infusionSet', 7, d(6, 8)], ['syringe', 14, d(6, 8)],
    ['oxygen', 24, d(2, 20)], ['nebulize', 6, d(3, 9)], ['coldPatch', 2, d(3, 15)], ['escortBed', 3, d(3, 20)],
  ];
  return {
    hisVisitId: id,
    visitType: 'inpatient',
    patient: hints(p),
    department: { code: 'NK01', name: '内科病区' },
    doctor: { code: 'D0012', name: '孙立民' },
    diagnoses: [{ code: 'J18.9', name: '肺炎' }, { code: 'I10', name: '高血压' }],
    visitTime: at(adm, 8, 30),
    admissionDate: ymd(adm),
    dischargeDate: ymd(day),
    lines: build(rows),
  };
}

function chronic(id: string, personKey: string, day: Date): HisVisitInput {
  const p = demoPersonByKey(personKey)!;
  return {
    hisVisitId: id,
    visitType: 'chronicOutpatient',
    patient: hints(p),
    department: { code: 'MB01', name: '慢病门诊' },
    doctor: { code: 'D0031', name: '周海燕' },
    diagnoses: [{ code: 'I10', name: '高血压' }],
    visitTime: at(day, 9, 10),
    lines: build([['consult', 1, at(day, 9, 10)], ['amlodipine', 84, at(day, 9, 25)], ['nifedipine', 56, at(day, 9, 25)], ['ecg', 1, at(day, 9, 40)], ['danshen', 270, at(day, 9, 25)]]),
  };
}

function outpatient(id: string, personKey: string, day: Date, kind: 'cold' | 'gastritis' | 'bronchitis'): HisVisitInput {
  const p = demoPersonByKey(personKey)!;
  const t = at(day, 10, 5);
  const byKind = {
    cold: { dx: { code: 'J06.9', name: '急性上呼吸道感染' }, rows: [['register', 1], ['consult', 1], ['blood', 1], ['amoxicillin', 24], ['ibuprofen', 12], ['lianhua', 24]] },
    gastritis: { dx: { code: 'K29.1', name: '急性胃炎' }, rows: [['register', 1], ['consult', 1], ['omeprazole', 14], ['smectite', 6], ['ultrasound', 1]] },
    bronchitis: { dx: { code: 'J20.9', name: '急性支气管炎' }, rows: [['register', 1], ['consult', 1], ['dr', 1], ['licorice', 36], ['amoxicillin', 36], ['nebulize', 2]] },
  }[kind];
  return {
    hisVisitId: id,
    visitType: 'outpatient',
    patient: hints(p),
    department: { code: 'MZ01', name: '全科门诊' },
    doctor: { code: 'D0007', name: '刘建华' },
    diagnoses: [byKind.dx],
    visitTime: t,
    lines: build(byKind.rows.map(([k, q]) => [k as string, q as number, t])),
  };
}

/** One HIS item with no catalog mapping (to show the technicians' worklist). */
export const DEMO_UNMAPPED_ITEM = { itemCode: 'ZL9001', itemName: '中医定向透药治疗', unitPrice: '30.00' };

/** The demo visits of one run; `tag` makes the HIS visit ids of a run unique (e.g. a timestamp). */
export function demoVisits(day: Date, tag: string, opts: { withUnmapped?: boolean } = {}): HisVisitInput[] {
  const visits = [
    inpatient(`ZY${tag}01`, day),
    chronic(`MB${tag}01`, 'lowIncome', day),
    chronic(`MB${tag}02`, 'poor', day),
    outpatient(`MZ${tag}01`, 'ordinary', day, 'cold'),
    outpatient(`MZ${tag}02`, 'employee', day, 'gastritis'),
    outpatient(`MZ${tag}03`, 'destitute', day, 'bronchitis'),
  ];
  if (opts.withUnmapped) {
    const v = outpatient(`MZ${tag}04`, 'disabled', day, 'cold');
    const u = DEMO_UNMAPPED_ITEM;
    v.lines.push({ lineNo: String(v.lines.length + 1), itemCode: u.itemCode, itemName: u.itemName, quantity: '2', unitPrice: u.unitPrice, amount: new Dec(u.unitPrice).times(2).toFixed(2), time: v.visitTime! });
    visits.push(v);
  }
  return visits;
}

/** A fixed example (OpenAPI document, tests). */
export function exampleVisit(): HisVisitInput {
  return outpatient('MZ20240601001', 'ordinary', new Date('2024-06-01T00:00:00Z'), 'cold');
}
