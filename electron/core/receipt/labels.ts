// Chinese labels the receipt prints for codes of the engine and the demo data.
import { LEVEL_NAMES, VISIT_NAMES, type FacilityLevel, type InsuranceType, type VisitType } from '../engine';

export const INSURANCE_NAMES: Record<InsuranceType, string> = {
  resident: '城乡居民基本医疗保险',
  employee: '职工基本医疗保险',
};

export const IDENTITY_NAMES: Record<string, string> = {
  poverty: '贫困人口',
  lowIncome: '低保对象',
  destitute: '特困人员',
  severeDisability: '重度残疾人',
  atRisk: '防返贫监测对象',
  orphan: '孤儿',
};

export const SCHEME_NAMES: Record<string, string> = {
  qihuibao: '齐惠保',
};

/** The ways the personal part is paid at the window, as the receipt and the window name them. */
export const PAYMENT_NAMES: Record<string, string> = {
  cash: '现金',
  wechat: '微信支付',
  alipay: '支付宝',
  unionpay: '银联云闪付',
  other: '其他方式',
};

export function paymentLabel(method: string): string {
  return PAYMENT_NAMES[method] ?? method;
}

export function identityLabel(key: string): string {
  return IDENTITY_NAMES[key] ?? key;
}

export function schemeLabel(key: string): string {
  return SCHEME_NAMES[key] ?? key;
}

export function visitLabel(type: VisitType): string {
  return VISIT_NAMES[type] ?? type;
}

export function levelLabel(level: FacilityLevel): string {
  // A village-level settlement happens at a village clinic: say so plainly.
  if (level === 'village') return '村卫生室';
  return `${LEVEL_NAMES[level] ?? level}医疗机构`;
}

/** 医疗收费项目类别 (national code table med_chrgitm_type). */
export const CHARGE_CATEGORIES: Record<string, string> = {
  '01': '床位费',
  '02': '诊察费',
  '03': '检查费',
  '04': '化验费',
  '05': '治疗费',
  '06': '手术费',
  '07': '护理费',
  '08': '卫生材料费',
  '09': '西药费',
  '10': '中药饮片费',
  '11': '中成药费',
  '12': '一般诊疗费',
  '13': '挂号费',
  '14': '其他费',
};

/**
 * The category of a fee line when the HIS gave none, guessed from the national code shapes:
 * drugs X… (western) / Z… (patent Chinese) / T… (decoction pieces), consumables C…, service
 * items by their leading digits. Anything else is 其他费.
 */
export function guessCategory(code: string): string {
  const c = code.trim().toUpperCase();
  if (/^X[A-Z]/.test(c)) return '09';
  if (/^Z[A-Z]/.test(c)) return '11';
  if (/^T\d/.test(c)) return '10';
  if (/^C[\dA-Z-]/.test(c)) return '08';
  if (/^\d{6,}/.test(c)) {
    const head = c.slice(0, 2);
    if (head === '21' || head === '22' || head === '23' || head === '24') return '03';
    if (head === '25' || head === '27') return '04';
    if (head === '33') return '06';
    if (head === '31' || head === '32' || head === '34' || head === '40' || head === '41') return '05';
    if (c.startsWith('1102')) return '02';
    if (c.startsWith('1103') || c.startsWith('1104') || c.startsWith('1105')) return '07';
    if (c.startsWith('1101')) return '13';
    if (c.startsWith('1106') || c.startsWith('1107')) return '01';
  }
  return '14';
}
