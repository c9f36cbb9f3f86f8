// The same receipt for 58 mm (32 columns) or 80 mm (48 columns) thermal paper, as ESC/POS bytes.
// No line is wider than the paper (a Chinese character counts 2); the printer draws the QR code;
// the last command is the cut.
import { mobilePayment, personalPartLabel, type ReceiptData } from '../../core/receipt';
import { EscPosEncoder } from './encoder';
import { textWidth, twoColumns, wrap } from './width';

export type ThermalPaper = 'escpos58' | 'escpos80';

export const COLUMNS: Record<ThermalPaper, number> = { escpos58: 32, escpos80: 48 };
const QR_MODULE: Record<ThermalPaper, number> = { escpos58: 5, escpos80: 7 };

export interface ThermalOptions {
  paper: ThermalPaper;
  reprintNo?: number;
  /** An offline settlement the network has since confirmed: when. */
  confirmedAt?: string;
}

class Sheet {
  readonly e = new EscPosEncoder();
  constructor(readonly width: number) {}

  text(s: string): void {
    for (const l of wrap(s, this.width)) this.e.line(l);
  }
  pair(left: string, right: string): void {
    for (const l of twoColumns(left, right, this.width)) this.e.line(l);
  }
  rule(): void {
    this.e.line('-'.repeat(this.width));
  }
  strong(s: string, big = false): void {
    this.e.bold(true);
    if (big) this.e.doubleHeight(true);
    this.text(s);
    if (big) this.e.doubleHeight(false);
    this.e.bold(false);
  }
}

function header(s: Sheet, r: ReceiptData, reprintNo: number, confirmedAt: string | undefined): void {
  s.e.init().align('center');
  s.text(r.institution.name);
  s.strong(r.title, true);
  if (reprintNo > 0) s.strong(`【重打 ${reprintNo}】`);
  if (r.kind === 'reversal') s.strong('【结算已撤销，以下为退回金额】');
  if (r.offline && confirmedAt) s.strong(`【脱机结算，已于 ${confirmedAt} 经医保中心确认】`);
  else if (r.offline) s.strong('【脱机结算，待医保中心确认】');
  s.e.align('left');
  s.rule();
  s.text(`机构编码：${r.institution.code}`);
  s.text(`结算单号：${r.receiptNo}`);
  s.text(`结算编号：${r.settlementId}`);
  if (r.reverses) s.text(`原结算单号：${r.reverses.receiptNo}`);
  s.text(`结算时间：${r.settledAt}`);
  s.text(`收费员：${r.operator}`);
  s.rule();
  s.text(`姓名：${r.patient.name}`);
  s.text(`身份证号：${r.patient.idMasked}`);
  s.text(`参保类型：${r.patient.insuranceType}`);
  s.text(`人员身份：${r.patient.identities.length ? r.patient.identities.join('、') : '普通参保人员'}`);
  if (r.patient.enrolled.length) s.text(`另参加：${r.patient.enrolled.join('、')}`);
  s.text(`就诊类型：${r.visit.type}（${r.visit.facilityLevel}）`);
  s.text(`就诊日期：${r.visit.date}`);
  s.rule();
}

function fees(s: Sheet, r: ReceiptData): void {
  s.pair('医疗费用总额', r.fees.total);
  s.text(`大写：${r.capital.total}`);
  for (const c of r.categories) {
    s.pair(c.name, c.total);
    s.pair('', `甲${c.classA} 乙${c.classB} 丙${c.classC}`);
  }
  s.pair('政策范围内费用', r.fees.inScope);
  s.pair('先行自付', r.fees.preSelfPay);
  s.pair('全自费', r.fees.fullSelfPay);
  if (r.deductible !== undefined) s.pair('起付线（本次计入）', r.deductible);
  s.rule();
}

function layers(s: Sheet, r: ReceiptData): void {
  s.strong('各项报销（按政策顺序）');
  r.layers.forEach((l, i) => s.pair(`${i + 1}.${l.name}`, l.amount));
  s.pair('报销合计', r.fundTotal);
  s.text(`大写：${r.capital.fundTotal}`);
  s.rule();
  if (r.accountPaid !== '0.00' || r.accountBalance !== undefined) {
    s.pair('个人账户支付', r.accountPaid);
    if (r.accountBalance !== undefined) s.pair('个人账户余额', r.accountBalance);
  }
  s.e.bold(true).doubleHeight(true);
  s.pair(personalPartLabel(r), r.cashPaid);
  s.e.doubleHeight(false).bold(false);
  const m = mobilePayment(r);
  if (m) {
    s.text(`支付方式：${m.name}`);
    if (m.reference) s.text(`交易单号：${m.reference}`);
  }
  s.text(`大写：${r.capital.cashPaid}`);
  if (r.adjustment) {
    const refund = r.adjustment.amount.startsWith('-');
    s.pair(refund ? '退还以前结算差额' : '补收以前结算差额', r.adjustment.amount.replace(/^-/, ''));
    s.pair('本次实收现金', r.adjustment.collected);
    s.text(`大写：${r.adjustment.capitalCollected}`);
  }
  s.rule();
}

function footer(s: Sheet, r: ReceiptData, paper: ThermalPaper): void {
  for (const y of r.ytd) s.pair(y.label, y.amount);
  for (const w of r.warnings) s.text(`提示：${w}`);
  s.e.align('center');
  s.e.qr(r.qr.text, QR_MODULE[paper]);
  s.text(`校验码：${r.qr.check}`);
  s.e.align('left');
  s.text('本单为医保一站式结算凭证，请妥善保管。');
  s.e.cut(4);
}

/** The thermal receipt's raw bytes. */
export function renderReceiptEscPos(r: ReceiptData, opts: ThermalOptions): Buffer {
  const s = new Sheet(COLUMNS[opts.paper]);
  header(s, r, opts.reprintNo ?? 0, opts.confirmedAt);
  fees(s, r);
  layers(s, r);
  footer(s, r, opts.paper);
  return s.e.bytes();
}

export { textWidth };
