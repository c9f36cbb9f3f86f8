// The platform's own person records. The shared demo persons (electron/demo/persons.ts) are
// everyone's; what the platform knows about them — insurance rows, identity records with this
// platform's PSN_IDET_TYPE codes, chronic registrations under its 1309 codes, account balances —
// is kept here. Four more people exist only at the network, for cases the shared set lacks:
// paused coverage, a retired employee whose pooling cap is spent, a civil servant, a minor.
import { DEMO_PERSONS, type DemoPerson, type Identity } from '../../demo/persons';

export interface InsuRow {
  insutype: string;
  psn_type: string;
  /** 1 = insured and paying; anything else: no benefits. */
  psn_insu_stas: string;
  psn_insu_date: string;
  paus_insu_date: string | null;
  cvlserv_flag: string;
  insuplc_admdvs: string;
  emp_name: string | null;
}

export interface IdetRow {
  psn_idet_type: string;
  psn_type_lv: string | null;
  begntime: string;
  endtime: string | null;
}

export interface ChronicRow {
  opsp_dise_code: string;
  opsp_dise_name: string;
  begndate: string;
  enddate: string | null;
}

export interface PlatformPerson {
  key: string;
  role: string;
  psn_no: string;
  name: string;
  certno: string;
  gend: string;
  naty: string;
  brdy: string;
  cardNo: string;
  cardSn: string;
  insu: InsuRow[];
  idet: IdetRow[];
  chronic: ChronicRow[];
  /** Employee account balance at the start (yuan), when the person has one. */
  account?: string;
  /** Year-to-date figures the platform already holds at the start of every year (cum_type_code → amount). */
  ytdSeed?: Record<string, string>;
}

/** This platform's PSN_IDET_TYPE codes for the identities the demo data names. */
export const IDET_CODE: Record<Identity, string> = {
  lowIncome: '2301',
  destitute: '2302',
  poverty: '2303',
  severeDisability: '2304',
  atRisk: '2305',
};

const CHRONIC_CODE: Record<string, [string, string]> = { I10: ['M03900', '高血压'], E11: ['M01600', '糖尿病'] };

const row = (insutype: string, psn_type: string, region: string, extra: Partial<InsuRow> = {}): InsuRow => ({
  insutype, psn_type, psn_insu_stas: '1', psn_insu_date: '2015-01-01', paus_insu_date: null, cvlserv_flag: '0',
  insuplc_admdvs: region, emp_name: null, ...extra,
});

const ROLES: Record<string, string> = {
  poor: 'resident, poverty identity (2303), chronic 高血压 + 糖尿病 (5301)',
  lowIncome: 'resident, low-income identity (2301), chronic 高血压',
  destitute: 'resident, destitute identity (2302): assistance pays the rest of in-scope costs',
  ordinary: 'resident, no identity: plain pooling',
  employee: 'employee in service: rows 310, 330, 510; personal account 1260.50',
  disabled: 'resident, severe-disability identity (2304)',
  anhuiPoor: 'remote patient: insured in 341100 (another province), poverty identity there, settled by that region\'s rules, cleared by 341100',
};

function fromDemo(p: DemoPerson): PlatformPerson {
  const region = p.region;
  const employee = p.insuranceType === 'employee';
  const elderly = Number(p.birthDate.slice(0, 4)) < 1956;
  const insu = employee
    ? [row('310', '1101', region, { emp_name: '淄博市张店区示例机械有限公司' }), row('330', '1101', region, { emp_name: '淄博市张店区示例机械有限公司' }), row('510', '1101', region)]
    : [row('390', elderly ? '1502' : '1501', region, { emp_name: region.startsWith('34') ? '来安县新安镇十二里半村村民委员会' : '中埠镇村民委员会' })];
  return {
    key: p.key, role: ROLES[p.key] ?? 'demo person', psn_no: p.personNo, name: p.name, certno: p.idNumber, gend: p.gender,
    naty: p.nation, brdy: p.birthDate, cardNo: p.card.cardNumber, cardSn: p.card.cardId, insu,
    idet: p.identities.map((id) => ({ psn_idet_type: IDET_CODE[id], psn_type_lv: id === 'severeDisability' ? '1' : null, begntime: '2016-01-01 00:00:00', endtime: null })),
    chronic: p.chronic.map((c) => ({ opsp_dise_code: CHRONIC_CODE[c.code]?.[0] ?? c.code, opsp_dise_name: CHRONIC_CODE[c.code]?.[1] ?? c.name, begndate: c.since, enddate: null })),
    ...(employee ? { account: p.accountBalance } : {}),
  };
}

/** GB 11643 check character of the first 17 digits. */
export function idCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = [...first17].reduce((acc, ch, i) => acc + Number(ch) * w[i], 0);
  return '10X98765432'[s % 11];
}

const id = (first17: string) => `${first17}${idCheck(first17)}`;

const NETWORK_ONLY: PlatformPerson[] = [
  {
    key: 'paused', role: 'resident whose coverage is paused (psn_insu_stas 4 since 2025-01-01): 2001 says not entitled, 2201 is refused',
    psn_no: '37030000000000000101', name: '周桂兰', certno: id('37030319700312062'), gend: '2', naty: '01', brdy: '1970-03-12',
    cardNo: 'M90000101', cardSn: '370300D1560000050101A1B2C3D4E5F6', insu: [row('390', '1501', '370300', { psn_insu_stas: '4', paus_insu_date: '2025-01-01' })],
    idet: [], chronic: [],
  },
  {
    key: 'retired', role: 'retired employee (1201), severe disability (2304): pooling cap already spent this year, so inpatient rows come as 330101 (large amount), 999996 (hospital part) and 310201 (account)',
    psn_no: '37030000000000000102', name: '陈德明', certno: id('37030319520118091'), gend: '1', naty: '01', brdy: '1952-01-18',
    cardNo: 'M90000102', cardSn: '370300D1560000050102A1B2C3D4E5F6', insu: [row('310', '1201', '370300'), row('330', '1201', '370300')],
    idet: [{ psn_idet_type: '2304', psn_type_lv: '1', begntime: '2016-01-01 00:00:00', endtime: null }], chronic: [],
    account: '95.60', ytdSeed: { D310101_BIZ21: '150000.00', D310101: '150000.00' },
  },
  {
    key: 'civil', role: 'civil servant (1102): rows 310, 320, 330 and an ended 390 row in 341100; civil-servant subsidy 320101; account 3200.00',
    psn_no: '37030000000000000103', name: '郑文华', certno: id('37030319760905043'), gend: '1', naty: '01', brdy: '1976-09-05',
    cardNo: 'M90000103', cardSn: '370300D1560000050103A1B2C3D4E5F6',
    insu: [row('310', '1102', '370300', { cvlserv_flag: '1', emp_name: '淄博市张店区示例局' }), row('320', '1102', '370300', { cvlserv_flag: '1' }), row('330', '1102', '370300', { cvlserv_flag: '1' }), row('390', '1501', '341100', { psn_insu_stas: '3', psn_insu_date: '2008-01-01', paus_insu_date: '2012-06-30' })],
    idet: [], chronic: [], account: '3200.00',
  },
  {
    key: 'child', role: 'resident minor (1403), orphan identity (2306) that this platform\'s rules do not pay for',
    psn_no: '37030000000000000104', name: '赵小雨', certno: id('37030320150621042'), gend: '2', naty: '01', brdy: '2015-06-21',
    cardNo: 'M90000104', cardSn: '370300D1560000050104A1B2C3D4E5F6', insu: [row('390', '1403', '370300')],
    idet: [{ psn_idet_type: '2306', psn_type_lv: null, begntime: '2019-01-01 00:00:00', endtime: null }], chronic: [],
  },
];

export function platformPersons(): PlatformPerson[] {
  return [...DEMO_PERSONS.map(fromDemo), ...NETWORK_ONLY];
}
