// Simulated 9001 / 9002 sign-in and sign-out, 1101 person lookup.
import crypto from 'node:crypto';
import { fmt } from '../../core/money';
import { SIM_IDENTITY_CODES } from '../client/identity-map';
import { node, text, type Handler, type HandlerCtx } from './context';
import { SimReject, type SimPerson } from './state';

/** The e-voucher token the simulator also accepts for a person: SHA-1 of the QR code, upper hex. */
export function derivedEVoucherToken(eVoucherCode: string): string {
  return crypto.createHash('sha1').update(eVoucherCode).digest('hex').toUpperCase();
}

export const signIn: Handler = (c) => {
  const n = node(c.input, 'signIn');
  const signNo = c.state.nextId('', c.stamp).slice(-12);
  c.state.signIns.set(signNo, { opter: text(n, 'opter_no') || text(c.env, 'opter'), at: c.time, signedOut: false });
  return { signinoutb: { sign_time: c.time, sign_no: signNo } };
};

export const signOut: Handler = (c) => {
  const n = node(c.input, 'signOut');
  const signNo = text(n, 'sign_no') || text(c.env, 'sign_no');
  const s = c.state.signIns.get(signNo);
  if (s) s.signedOut = true;
  return { signoutoutb: { sign_time: c.time } };
};

function findPerson(c: HandlerCtx, certType: string, certNo: string, cardSn: string): SimPerson {
  const all = [...c.state.persons.values()];
  let found: SimPerson | undefined;
  if (certType === '02') found = all.find((p) => p.demo.idNumber === certNo.toUpperCase());
  else if (certType === '03') {
    found = all.find((p) => p.demo.card.cardNumber === certNo);
    if (found && cardSn && cardSn !== found.demo.card.cardId) throw new SimReject('社会保障卡卡识别码不符');
  } else if (certType === '01') {
    const key = c.state.tokens.get(certNo);
    found = all.find((p) => p.demo.key === key || p.demo.eVoucherCode === certNo || derivedEVoucherToken(p.demo.eVoucherCode) === certNo);
  } else throw new SimReject(`就诊凭证类型 ${certType} 不支持`);
  if (!found) throw new SimReject('未查询到参保人员信息');
  return found;
}

function age(birth: string, today: string): string {
  let a = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) a -= 1;
  return `${a}.0`;
}

export const personInfo: Handler = (c) => {
  const d = node(c.input, 'data');
  const certType = text(d, 'mdtrt_cert_type', true);
  const certNo = text(d, 'mdtrt_cert_no') || text(d, 'certno');
  if (!certNo) throw new SimReject('就诊凭证编号不能为空');
  const p = findPerson(c, certType, certNo, text(d, 'card_sn'));
  const demo = p.demo;
  const book = p.ytd;
  return {
    baseinfo: {
      psn_no: demo.personNo, psn_cert_type: '01', certno: demo.idNumber, psn_name: demo.name, gend: demo.gender,
      naty: demo.nation, brdy: demo.birthDate, age: age(demo.birthDate, c.today),
      exp_content: JSON.stringify({ enrolled: demo.enrolled }),
    },
    insuinfo: [
      {
        balc: fmt(p.account), insutype: p.insutype, psn_type: demo.insuranceType === 'employee' ? '11' : '1501',
        psn_insu_stas: '1', psn_insu_date: '2015-01-01', paus_insu_date: null, cvlserv_flag: '0',
        insuplc_admdvs: demo.region, emp_name: demo.insuranceType === 'employee' ? '淄博市某单位' : null,
      },
    ],
    idetinfo: demo.identities.map((id) => ({
      psn_idet_type: SIM_IDENTITY_CODES[id], psn_type_lv: '', memo: null, begntime: '2016-01-01 00:00:00', endtime: null,
    })),
    opspdiseinfo: demo.chronic.map((r) => ({
      opsp_dise_code: r.code, opsp_dise_name: r.name, fixmedins_code: r.clinic, begndate: r.since, enddate: null,
    })),
    // Year-to-date accumulators (extension, like 5206): "<ytdKey>.<base|paid|burden>".
    cuminfo: book
      ? Object.entries(book.ytd).flatMap(([k, a]) => [
          { year: String(book.year), cum_type_code: `${k}.base`, cum: fmt(a.base) },
          { year: String(book.year), cum_type_code: `${k}.paid`, cum: fmt(a.paid) },
          { year: String(book.year), cum_type_code: `${k}.burden`, cum: fmt(a.burden) },
        ])
      : [],
  };
};
