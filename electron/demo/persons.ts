// The one demo dataset: every simulator (readers, ID cards, QR e-vouchers, the network, the demo HIS)
// refers to these people, so a newcomer can follow one patient from card to receipt.
// All data is invented; ID numbers carry valid GB 11643 check digits.

export type Identity = 'poverty' | 'lowIncome' | 'destitute' | 'severeDisability' | 'atRisk';
export type InsuranceType = 'resident' | 'employee';

export interface ChronicRegistration {
  /** Disease code (ICD-10 as the region uses it) and its name. */
  code: string;
  name: string;
  /** Institution code of the clinic the patient signed with. */
  clinic: string;
  /** Registered stable patients may get prescriptions of up to 3 months (the seeds). */
  stable: boolean;
  since: string;
}

export interface DemoPerson {
  key: string;
  /** Person number on the network (psn_no). */
  personNo: string;
  name: string;
  idNumber: string;
  gender: '1' | '2';
  nation: string;
  birthDate: string;
  address: string;
  insuranceType: InsuranceType;
  region: string;
  identities: Identity[];
  enrolled: string[];
  chronic: ChronicRegistration[];
  /** Employee personal account balance, yuan as a decimal string. */
  accountBalance: string;
  card: { cardNumber: string; cardId: string; issueDate: string; expiryDate: string; specVersion: string };
  idCard: { authority: string; validFrom: string; validTo: string };
  /** The e-voucher QR payload a patient's phone shows (decoded by the simulated vendor service). */
  eVoucherCode: string;
}

export interface DemoInstitution {
  code: string;
  name: string;
  level: 'village' | 'township' | 'county' | 'city' | 'province';
  region: string;
}

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  { code: 'H37030300123', name: '淄博市张店区中埠镇卫生院', level: 'township', region: '370303' },
  { code: 'H37030300456', name: '中埠镇西村卫生室', level: 'village', region: '370303' },
];

const ZIBO_CLINIC = DEMO_INSTITUTIONS[0].code;

function card(n: number, issueDate: string): DemoPerson['card'] {
  const expiry = String(Number(issueDate.slice(0, 4)) + 10) + issueDate.slice(4);
  return {
    cardNumber: `M${String(10000000 + n).padStart(8, '0')}`,
    cardId: `370300D15600000500${String(n).padStart(2, '0')}BDB4A1C2E3F4A5B6`.slice(0, 32).toUpperCase(),
    issueDate,
    expiryDate: expiry,
    specVersion: '3.00',
  };
}

export const DEMO_PERSONS: DemoPerson[] = [
  {
    key: 'poor',
    personNo: '37030000000000000001',
    name: '张建国',
    idNumber: '370303195803120316',
    gender: '1',
    nation: '01',
    birthDate: '1958-03-12',
    address: '山东省淄博市张店区中埠镇西村123号',
    insuranceType: 'resident',
    region: '370300',
    identities: ['poverty'],
    enrolled: ['qihuibao'],
    chronic: [
      { code: 'I10', name: '高血压', clinic: ZIBO_CLINIC, stable: true, since: '2018-04-02' },
      { code: 'E11', name: '2型糖尿病', clinic: ZIBO_CLINIC, stable: true, since: '2019-09-16' },
    ],
    accountBalance: '0.00',
    card: card(1, '2019-05-20'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2010-03-01', validTo: '长期' },
    eVoucherCode: 'ECQR0001370303A7F3C9D2E8B1',
  },
  {
    key: 'lowIncome',
    personNo: '37030000000000000002',
    name: '李秀英',
    idNumber: '370303196207050424',
    gender: '2',
    nation: '01',
    birthDate: '1962-07-05',
    address: '山东省淄博市张店区中埠镇东村45号',
    insuranceType: 'resident',
    region: '370300',
    identities: ['lowIncome'],
    enrolled: [],
    chronic: [{ code: 'I10', name: '高血压', clinic: ZIBO_CLINIC, stable: true, since: '2017-03-10' }],
    accountBalance: '0.00',
    card: card(2, '2019-06-11'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2012-07-05', validTo: '2032-07-05' },
    eVoucherCode: 'ECQR0002370303B4E1D0C7A9F2',
  },
  {
    key: 'destitute',
    personNo: '37030000000000000003',
    name: '王德福',
    idNumber: '37030319450920053X',
    gender: '1',
    nation: '01',
    birthDate: '1945-09-20',
    address: '山东省淄博市张店区中埠镇敬老院',
    insuranceType: 'resident',
    region: '370300',
    identities: ['destitute'],
    enrolled: [],
    chronic: [],
    accountBalance: '0.00',
    card: card(3, '2018-11-02'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2005-09-20', validTo: '长期' },
    eVoucherCode: 'ECQR0003370303C1A8B5E2D6F0',
  },
  {
    key: 'ordinary',
    personNo: '37030000000000000004',
    name: '赵志强',
    idNumber: '37030319850115061X',
    gender: '1',
    nation: '01',
    birthDate: '1985-01-15',
    address: '山东省淄博市张店区中埠镇南村8号',
    insuranceType: 'resident',
    region: '370300',
    identities: [],
    enrolled: [],
    chronic: [],
    accountBalance: '0.00',
    card: card(4, '2020-01-08'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2015-01-15', validTo: '2035-01-15' },
    eVoucherCode: 'ECQR0004370303D9F2A6C3B8E1',
  },
  {
    key: 'employee',
    personNo: '37030000000000000005',
    name: '刘芳',
    idNumber: '370303197902280728',
    gender: '2',
    nation: '01',
    birthDate: '1979-02-28',
    address: '山东省淄博市张店区共青团西路77号',
    insuranceType: 'employee',
    region: '370300',
    identities: [],
    enrolled: ['qihuibao'],
    chronic: [],
    accountBalance: '1260.50',
    card: card(5, '2019-03-15'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2019-02-28', validTo: '2039-02-28' },
    eVoucherCode: 'ECQR0005370303E5B7C1D4A2F9',
  },
  {
    key: 'disabled',
    personNo: '37030000000000000006',
    name: '陈永明',
    idNumber: '370303196711110836',
    gender: '1',
    nation: '03',
    birthDate: '1967-11-11',
    address: '山东省淄博市张店区中埠镇北村16号',
    insuranceType: 'resident',
    region: '370300',
    identities: ['severeDisability'],
    enrolled: [],
    chronic: [],
    accountBalance: '0.00',
    card: card(6, '2019-08-30'),
    idCard: { authority: '淄博市公安局张店分局', validFrom: '2007-11-11', validTo: '2027-11-11' },
    eVoucherCode: 'ECQR0006370303F3D8E2B6C1A7',
  },
  {
    key: 'anhuiPoor',
    personNo: '34112200000000000007',
    name: '孙大海',
    idNumber: '341122197006010918',
    gender: '1',
    nation: '01',
    birthDate: '1970-06-01',
    address: '安徽省滁州市来安县新安镇十二里半村5号',
    insuranceType: 'resident',
    region: '341100',
    identities: ['poverty'],
    enrolled: [],
    chronic: [{ code: 'I10', name: '高血压', clinic: 'H34112200088', stable: true, since: '2019-02-01' }],
    accountBalance: '0.00',
    card: card(7, '2019-10-10'),
    idCard: { authority: '来安县公安局', validFrom: '2010-06-01', validTo: '2030-06-01' },
    eVoucherCode: 'ECQR0007341122A2C4E6B8D0F1',
  },
];

export function demoPersonByKey(key: string): DemoPerson | undefined {
  return DEMO_PERSONS.find((p) => p.key === key);
}

export function demoPersonByIdNumber(idNumber: string): DemoPerson | undefined {
  const wanted = idNumber.toUpperCase();
  return DEMO_PERSONS.find((p) => p.idNumber === wanted);
}
