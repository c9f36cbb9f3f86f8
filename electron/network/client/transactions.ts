// One method per transaction of the client (see index.ts for the contract): builds the input
// (./requests.ts), sends it (./client.ts), reads the output (./answers.ts, ./settlement-read.ts).
import type { Answer, NetworkClient, SendOptions } from './index';
import type {
  AdmitInput, CancelInput, DischargeInput, DrugSaleInput, EntitlementInput, FeeCancelInput, FeeUploadInput, Identity,
  InpatientFeeCancelInput, InpatientSettleInput, NetPerson, PersonQuery, PersonRef, PreSettleInput, ReconcileDetailsInput,
  ReconcileTotalsInput, RegisterInput, ReverseInput, SettleInput, SettlementQuery, VisitCancelInput, VisitInfoInput,
} from './types';
import { BusinessRejectedError } from './errors';
import { chinaDate } from '../../core/time';
import { NetworkClientCore } from './client';
import { writeZip } from './zip';
import { drugSaleInput } from './sale';
import * as rq from './requests';
import * as an from './answers';
import { readSettlement } from './settlement-read';

export class HttpNetworkClient extends NetworkClientCore implements NetworkClient {
  private get identityMap(): Record<string, Identity> {
    return this.setup.identityMap ?? {};
  }

  private settlementOf(out: Record<string, unknown>, infno: string, msgid: string, needId: boolean, cancellation = false) {
    return { settlement: readSettlement(out, { needSettlementId: needId, cancellation, funds: this.setup.fundMap }, infno, msgid) };
  }

  async personInfo(q: PersonQuery, opts?: SendOptions) {
    return this.call('1101', rq.personInfoInput(q), opts, undefined, (out, msgid) => ({
      person: an.readPerson(out, this.identityMap, chinaDate(this.now()), this.setup.region, '1101', msgid),
    }));
  }

  async chronicRegistrations5301(person: PersonRef, opts?: SendOptions) {
    return this.call('5301', rq.personOnlyInput(person.personNo), opts, person, (out, msgid) => ({
      registrations: an.readChronic(out, this.setup.chronicMap ?? {}, '5301', msgid),
    }));
  }

  async yearToDate5206(person: PersonRef, month?: string, opts?: SendOptions) {
    return this.call('5206', rq.personOnlyInput(person.personNo, { cum_ym: month ?? '' }), opts, person, (out, msgid) => ({
      rows: an.readYearToDate(out, '5206', msgid),
    }));
  }

  async entitlement2001(i: EntitlementInput, opts?: SendOptions) {
    return this.call('2001', rq.entitlementInput(i, this.setup.institutionCode), opts, i.person, (out, msgid) => an.readEntitlement(out, '2001', msgid));
  }

  /** 1101 then 5301: the person with their chronic-disease registrations. */
  async personRecord(q: PersonQuery, opts?: SendOptions): Promise<Answer<{ person: NetPerson }>> {
    const a = await this.personInfo(q, opts);
    const c = await this.chronicRegistrations5301(a.person, { timeoutMs: opts?.timeoutMs, operator: opts?.operator });
    return { person: { ...a.person, chronic: c.registrations }, meta: a.meta };
  }

  async register2201(i: RegisterInput, opts?: SendOptions) {
    return this.call('2201', rq.registerInput(i), opts, i.person, (out, msgid) => {
      const v = an.readVisitId(out, 'data', '2201', msgid);
      return { ...v, personNo: v.personNo || i.person.personNo, hisVisitNo: v.hisVisitNo || i.hisVisitNo };
    });
  }

  async visitInfo2203(i: VisitInfoInput, opts?: SendOptions) {
    return this.call('2203', rq.visitInfoInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  async uploadFees2204(i: FeeUploadInput, opts?: SendOptions) {
    return this.call('2204', rq.feeLinesInput(i, false), opts, i.person, (out, msgid) => an.readFeeResult(out, i.lines, '2204', msgid));
  }

  async preSettle2206(i: PreSettleInput, opts?: SendOptions) {
    return this.call('2206', rq.preSettleInput(i, false), opts, i.person, (out, msgid) => this.settlementOf(out, '2206', msgid, false));
  }

  async settle2207(i: SettleInput, opts?: SendOptions) {
    return this.call('2207', rq.settleInput(i, false), opts, i.person, (out, msgid) => this.settlementOf(out, '2207', msgid, true));
  }

  async cancel2208(i: CancelInput, opts?: SendOptions) {
    return this.call('2208', rq.cancelInput(i), opts, i.person, (out, msgid) => this.settlementOf(out, '2208', msgid, true, true));
  }

  async cancelFees2205(i: FeeCancelInput, opts?: SendOptions) {
    return this.call('2205', rq.cancelFeesInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  async cancelRegister2202(i: VisitCancelInput, opts?: SendOptions) {
    return this.call('2202', rq.cancelRegisterInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  async admit2401(i: AdmitInput, opts?: SendOptions) {
    return this.call('2401', rq.admitInput(i), opts, i.person, (out, msgid) => {
      const v = an.readVisitId(out, 'result', '2401', msgid);
      return { ...v, personNo: v.personNo || i.person.personNo, hisVisitNo: v.hisVisitNo || i.hisVisitNo };
    });
  }

  async uploadFees2301(i: FeeUploadInput, opts?: SendOptions) {
    return this.call('2301', rq.feeLinesInput(i, true), opts, i.person, (out, msgid) => an.readFeeResult(out, i.lines, '2301', msgid));
  }

  async preSettle2303(i: InpatientSettleInput, opts?: SendOptions) {
    return this.call('2303', rq.preSettleInput(i, true), opts, i.person, (out, msgid) => this.settlementOf(out, '2303', msgid, false));
  }

  async settle2304(i: InpatientSettleInput, opts?: SendOptions) {
    return this.call('2304', rq.settleInput(i, true), opts, i.person, (out, msgid) => this.settlementOf(out, '2304', msgid, true));
  }

  async cancel2305(i: CancelInput, opts?: SendOptions) {
    return this.call('2305', rq.cancelInput(i), opts, i.person, (out, msgid) => this.settlementOf(out, '2305', msgid, true, true));
  }

  async discharge2402(i: DischargeInput, opts?: SendOptions) {
    return this.call('2402', rq.dischargeInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  async cancelFees2302(i: InpatientFeeCancelInput, opts?: SendOptions) {
    return this.call('2302', rq.cancelInpatientFeesInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  async cancelAdmission2404(i: VisitCancelInput, opts?: SendOptions) {
    return this.call('2404', rq.cancelAdmissionInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  /** 2601: reversed; or the network's explicit "not found" / "already reversed"; any other refusal is thrown. */
  async reverse2601(i: ReverseInput, opts?: SendOptions) {
    try {
      return await this.call('2601', rq.reverseInput(i), opts, i.person, () => ({ outcome: 'reversed' as const }));
    } catch (err) {
      if (!(err instanceof BusinessRejectedError)) throw err;
      const meta = { msgid: err.msgid, infno: '2601', refMsgid: '', warnMsg: err.errMsg, respondTime: '' };
      if (this.isRefusal(err, 'originalNotFound')) return { outcome: 'notFound' as const, meta };
      if (this.isRefusal(err, 'alreadyReversed')) return { outcome: 'alreadyReversed' as const, meta };
      throw err;
    }
  }

  async querySettlement5203(q: SettlementQuery, opts?: SendOptions) {
    return this.call('5203', rq.querySettlementInput(q), opts, q.person, (out, msgid) => this.settlementOf(out, '5203', msgid, true));
  }

  async reconcileTotals3201(i: ReconcileTotalsInput, opts?: SendOptions) {
    return this.call('3201', rq.reconcileTotalsInput(i), opts, undefined, (out, msgid) => an.readTotals(out, '3201', msgid));
  }

  /** 9101 (the detail file, zipped), 3202, then 9102 (the result file). `opts.msgid` applies to 3202. */
  async reconcileDetails3202(i: ReconcileDetailsInput, opts?: SendOptions) {
    const name = `${this.setup.institutionCode}_${i.begin.replace(/-/g, '')}_${i.end.replace(/-/g, '')}.txt`;
    const zip = writeZip([{ name, data: Buffer.from(rq.reconcileDetailFile(i), 'utf8') }]);
    const up = await this.upload9101(`${name}.zip`, zip, { timeoutMs: opts?.timeoutMs });
    const a = await this.call('3202', rq.reconcileDetailsInput(i, up.fileQueryNo), opts, undefined, (out, msgid) => {
      const f = an.fileInfoOf(out, '3202', msgid);
      return { fileQueryNo: f.fileQueryNo, filename: f.filename };
    });
    const down = await this.download9102(a.fileQueryNo, a.filename, { timeoutMs: opts?.timeoutMs });
    const text = down.entries.map((e) => e.text).join('\n');
    return { fileQueryNo: a.fileQueryNo, rows: an.readDetailResultFile(text), meta: a.meta };
  }

  async sellDrug3505(i: DrugSaleInput, opts?: SendOptions) {
    return this.call('3505', drugSaleInput(i, true), opts, i.person, (out, msgid) => an.readSale(out, '3505', msgid));
  }

  async returnDrug3506(i: DrugSaleInput, opts?: SendOptions) {
    return this.call('3506', drugSaleInput(i, false), opts, i.person, (out, msgid) => an.readSale(out, '3506', msgid));
  }
}
