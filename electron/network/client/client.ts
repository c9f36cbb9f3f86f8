// The HTTP(S) JSON client of the insurance network interface: envelope, sign-in, one method per
// transaction, message log, error taxonomy (see index.ts and errors.ts).
import type {
  Answer, GatewayPlugin, MessageLogSink, NetworkClient, NetworkSetup, ReplyMeta, SendOptions,
} from './index';
import type {
  AdmitInput, CancelInput, DischargeInput, FeeCancelInput, FeeUploadInput, InpatientFeeCancelInput, InpatientSettleInput,
  Identity, PersonQuery, PreSettleInput, ReconcileDetailsInput, ReconcileTotalsInput, RegisterInput, ReverseInput,
  SettleInput, SettlementQuery, VisitCancelInput, VisitInfoInput,
} from './types';
import { BadResponseError, BusinessRejectedError, NetworkError, NotSentError, UnknownOutcomeError, outcomeWords } from './errors';
import { envelopeOf, parseEnvelope, Reader } from './parse';
import { postJson } from './transport';
import { chinaDate, chinaDateTime } from '../../core/time';
import * as rq from './requests';
import * as an from './answers';
import { DEFAULT_IDENTITY_MAP } from './identity-map';

export interface NetworkClientDeps {
  /** Allocates durable msgids (MsgIdSource). */
  msgids: { next(infno?: string): Promise<string> };
  log?: MessageLogSink;
  gateway?: GatewayPlugin;
  now?: () => Date;
  /** Told every transport outcome: true when any answer came, false when none did. */
  onSeen?: (online: boolean) => void;
}

const REQUIRED_SETUP: (keyof NetworkSetup)[] = [
  'endpoint', 'institutionCode', 'institutionName', 'region', 'receiverSystemCode', 'interfaceVersion',
  'operatorType', 'operatorCode', 'operatorName', 'terminalNo',
];

const infTime = chinaDateTime;
const today = chinaDate;

/** Validates the setup: every envelope value the reference marks required must be non-empty. */
export function checkSetup(setup: NetworkSetup): void {
  const missing = REQUIRED_SETUP.filter((k) => typeof setup[k] !== 'string' || !(setup[k] as string).trim());
  if (missing.length) throw new Error(`network setup incomplete: ${missing.join(', ')} must not be empty`);
  if (!/^\d{6}$/.test(setup.region)) throw new Error(`network setup: region must be 6 digits (${setup.region})`);
}

type PersonCtx = { insuranceRegion?: string };

export class HttpNetworkClient implements NetworkClient {
  private sign: string | undefined;
  private signing: Promise<unknown> | undefined;
  private seen: { online: boolean; at: Date } | undefined;
  private readonly now: () => Date;

  constructor(readonly setup: Readonly<NetworkSetup>, private readonly deps: NetworkClientDeps) {
    checkSetup(setup);
    this.now = deps.now ?? (() => new Date());
  }

  get signNo(): string | undefined {
    return this.sign;
  }

  get lastSeenOnline() {
    return this.seen;
  }

  private envelope(infno: string, msgid: string, input: Record<string, unknown>, person?: PersonCtx): Record<string, unknown> {
    const s = this.setup;
    return {
      infno,
      msgid,
      mdtrtarea_admvs: s.region,
      insuplc_admdvs: person?.insuranceRegion || s.region,
      recer_sys_code: s.receiverSystemCode,
      dev_no: s.deviceNo ?? '',
      dev_safe_info: '',
      cainfo: '',
      signtype: '',
      infver: s.interfaceVersion,
      opter_type: s.operatorType,
      opter: s.operatorCode,
      opter_name: s.operatorName,
      inf_time: infTime(this.now()),
      fixmedins_code: s.institutionCode,
      fixmedins_name: s.institutionName,
      sign_no: this.sign ?? '',
      input,
    };
  }

  private async ensureSignedIn(infno: string): Promise<void> {
    if (this.sign || infno === '9001' || this.setup.autoSignIn === false) return;
    this.signing ??= this.signIn().finally(() => {
      this.signing = undefined;
    });
    await this.signing;
  }

  async send(infno: string, input: Record<string, unknown>, opts: SendOptions = {}, person?: PersonCtx) {
    try {
      await this.ensureSignedIn(infno);
    } catch (err) {
      // The business message itself never left: whatever happened to the sign-in, it is NotSent.
      const why = err instanceof NetworkError ? `${err.kind}: ${err.detail ?? err.message}` : String(err);
      throw new NotSentError(infno, opts.msgid ?? '', `sign-in (9001) failed before sending: ${why}`, err,
        `签到失败（医保网络${outcomeWords(err)}），本笔交易尚未发出`);
    }
    const msgid = opts.msgid ?? (await this.deps.msgids.next(infno));
    let envelope = this.envelope(infno, msgid, input, person);
    if (opts.operator) Object.assign(envelope, { opter: opts.operator.code, opter_name: opts.operator.name });
    if (this.deps.gateway?.seal) envelope = this.deps.gateway.seal(envelope);
    const body = JSON.stringify(envelope);
    const started = this.now();
    const logId = this.deps.log?.started({ msgid, infno, endpoint: this.setup.endpoint, at: started, request: envelope });
    const done = (e: Parameters<MessageLogSink['finished']>[1] extends infer T ? Omit<T & object, 'at' | 'durationMs'> : never) => {
      const at = this.now();
      if (logId !== undefined) this.deps.log?.finished(logId, { ...e, at, durationMs: at.getTime() - started.getTime() });
    };
    const timeoutMs = opts.timeoutMs ?? this.setup.timeoutMs ?? 30_000;
    let answer;
    try {
      answer = await postJson({
        url: this.setup.endpoint, body, tls: this.setup.tls, infno, msgid, timeoutMs,
        connectTimeoutMs: Math.min(this.setup.connectTimeoutMs ?? 10_000, timeoutMs),
        headers: this.deps.gateway?.headers?.({ infno, body, now: started }),
      });
    } catch (err) {
      this.seen = { online: false, at: this.now() };
      this.deps.onSeen?.(false);
      const e = err instanceof NetworkError ? err : new UnknownOutcomeError(infno, msgid, String(err), err);
      done({ outcome: e.kind === 'notSent' ? 'notSent' : 'unknownOutcome', errMsg: e.detail });
      throw e;
    }
    this.seen = { online: true, at: this.now() };
    this.deps.onSeen?.(true);
    try {
      if (answer.status < 200 || answer.status > 299) {
        throw new BadResponseError(infno, msgid, `HTTP ${answer.status}`, answer.status, answer.text.slice(0, 200));
      }
      let parsed = parseEnvelope(answer.text, infno, msgid, answer.status);
      if (this.deps.gateway?.open) parsed = envelopeOf(this.openAnswer(parsed.raw, infno, msgid), infno, msgid, answer.status);
      if (parsed.infcode !== '0') throw new BusinessRejectedError(infno, msgid, parsed.infcode, parsed.errMsg, parsed.warnMsg);
      if (typeof parsed.output !== 'object' || parsed.output === null) {
        throw new BadResponseError(infno, msgid, 'output is not an object', answer.status);
      }
      done({ outcome: 'ok', httpStatus: answer.status, infcode: parsed.infcode, response: parsed.raw });
      const meta: ReplyMeta = { msgid, infno, refMsgid: parsed.refMsgid, warnMsg: parsed.warnMsg, respondTime: parsed.respondTime };
      return { output: parsed.output as Record<string, unknown>, meta, text: answer.text };
    } catch (err) {
      const e = err as NetworkError;
      done({
        outcome: e.kind === 'rejected' ? 'rejected' : 'badResponse', httpStatus: answer.status,
        infcode: e instanceof BusinessRejectedError ? e.infcode : undefined,
        errMsg: e instanceof BusinessRejectedError ? e.errMsg : e.detail ?? String(err),
        response: safeJson(answer.text),
      });
      throw err;
    }
  }

  private openAnswer(raw: Record<string, unknown>, infno: string, msgid: string): Record<string, unknown> {
    try {
      return this.deps.gateway!.open!(raw);
    } catch (err) {
      throw new BadResponseError(infno, msgid, `gateway ${this.deps.gateway!.name}: ${(err as Error).message}`);
    }
  }

  /** Sends and reads: `read` turns the output into the answer (its BadResponseErrors are the call's). */
  private async call<T>(infno: string, input: Record<string, unknown>, opts: SendOptions | undefined, person: PersonCtx | undefined,
    read: (output: Record<string, unknown>, msgid: string) => T): Promise<Answer<T>> {
    const { output, meta } = await this.send(infno, input, opts, person);
    return { ...read(output, meta.msgid), meta };
  }

  private get operator() {
    return { code: this.setup.operatorCode, name: this.setup.operatorName };
  }

  private get identityMap(): Record<string, Identity> {
    return this.setup.identityMap ?? DEFAULT_IDENTITY_MAP;
  }

  async signIn(opts?: SendOptions) {
    const input = { signIn: { opter_no: this.setup.operatorCode, mac: this.setup.mac ?? '00-00-00-00-00-00', ip: this.setup.ip ?? '127.0.0.1' } };
    const a = await this.call('9001', input, opts, undefined, (out, msgid) => {
      const r = Reader.of(out, 'output', '9001', msgid).child('signinoutb', true);
      return { signNo: r.str('sign_no', true), signTime: r.str('sign_time') };
    });
    this.sign = a.signNo;
    return a;
  }

  async signOut(opts?: SendOptions) {
    const input = { signOut: { sign_no: this.sign ?? '', opter_no: this.setup.operatorCode } };
    const a = await this.call('9002', input, opts, undefined, (out, msgid) => ({
      signTime: Reader.of(out, 'output', '9002', msgid).child('signoutoutb').str('sign_time'),
    }));
    this.sign = undefined;
    return a;
  }

  personInfo(q: PersonQuery, opts?: SendOptions) {
    return this.call('1101', rq.personInfoInput(q), opts, undefined, (out, msgid) => ({
      person: an.readPerson(out, this.identityMap, today(this.now()), '1101', msgid),
    }));
  }

  register2201(i: RegisterInput, opts?: SendOptions) {
    return this.call('2201', rq.registerInput(i, this.operator), opts, i.person, (out, msgid) => {
      const v = an.readVisitId(out, 'data', '2201', msgid);
      return { ...v, personNo: v.personNo || i.person.personNo, hisVisitNo: v.hisVisitNo || i.hisVisitNo };
    });
  }

  visitInfo2203(i: VisitInfoInput, opts?: SendOptions) {
    return this.call('2203', rq.visitInfoInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  uploadFees2204(i: FeeUploadInput, opts?: SendOptions) {
    return this.call('2204', rq.feeLinesInput(i, false), opts, i.person, (out, msgid) => an.readFeeResult(out, i.lines, '2204', msgid));
  }

  preSettle2206(i: PreSettleInput, opts?: SendOptions) {
    return this.call('2206', rq.preSettleInput(i, false), opts, i.person, (out, msgid) => ({ settlement: an.readSettlement(out, false, '2206', msgid) }));
  }

  settle2207(i: SettleInput, opts?: SendOptions) {
    return this.call('2207', rq.settleInput(i, false), opts, i.person, (out, msgid) => ({ settlement: an.readSettlement(out, true, '2207', msgid) }));
  }

  cancel2208(i: CancelInput, opts?: SendOptions) {
    return this.call('2208', rq.cancelInput(i), opts, i.person, (out, msgid) => ({
      settlement: { ...an.readSettlement(out, true, '2208', msgid), cancelled: true },
    }));
  }

  cancelFees2205(i: FeeCancelInput, opts?: SendOptions) {
    return this.call('2205', rq.cancelFeesInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  cancelRegister2202(i: VisitCancelInput, opts?: SendOptions) {
    return this.call('2202', rq.cancelRegisterInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  admit2401(i: AdmitInput, opts?: SendOptions) {
    return this.call('2401', rq.admitInput(i, this.operator), opts, i.person, (out, msgid) => {
      const v = an.readVisitId(out, 'result', '2401', msgid);
      return { ...v, personNo: v.personNo || i.person.personNo, hisVisitNo: v.hisVisitNo || i.hisVisitNo };
    });
  }

  uploadFees2301(i: FeeUploadInput, opts?: SendOptions) {
    return this.call('2301', rq.feeLinesInput(i, true), opts, i.person, (out, msgid) => an.readFeeResult(out, i.lines, '2301', msgid));
  }

  preSettle2303(i: PreSettleInput, opts?: SendOptions) {
    return this.call('2303', rq.preSettleInput(i, true), opts, i.person, (out, msgid) => ({ settlement: an.readSettlement(out, false, '2303', msgid) }));
  }

  settle2304(i: InpatientSettleInput, opts?: SendOptions) {
    return this.call('2304', rq.settleInput(i, true), opts, i.person, (out, msgid) => ({ settlement: an.readSettlement(out, true, '2304', msgid) }));
  }

  cancel2305(i: CancelInput, opts?: SendOptions) {
    return this.call('2305', rq.cancelInput(i), opts, i.person, (out, msgid) => ({
      settlement: { ...an.readSettlement(out, true, '2305', msgid), cancelled: true },
    }));
  }

  discharge2402(i: DischargeInput, opts?: SendOptions) {
    return this.call('2402', rq.dischargeInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  cancelFees2302(i: InpatientFeeCancelInput, opts?: SendOptions) {
    return this.call('2302', rq.cancelInpatientFeesInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  cancelAdmission2404(i: VisitCancelInput, opts?: SendOptions) {
    return this.call('2404', rq.cancelAdmissionInput(i), opts, i.person, () => ({ visitId: i.visitId }));
  }

  reverse2601(i: ReverseInput, opts?: SendOptions) {
    return this.call('2601', rq.reverseInput(i), opts, i.person, () => ({ reversed: true as const }));
  }

  querySettlement5203(q: SettlementQuery, opts?: SendOptions) {
    return this.call('5203', rq.querySettlementInput(q), opts, q.person, (out, msgid) => ({
      settlement: an.readOptionalSettlement(out, '5203', msgid),
    }));
  }

  reconcileTotals3201(i: ReconcileTotalsInput, opts?: SendOptions) {
    return this.call('3201', rq.reconcileTotalsInput(i), opts, undefined, (out, msgid) => an.readTotals(out, '3201', msgid));
  }

  async reconcileDetails3202(i: ReconcileDetailsInput, opts?: SendOptions) {
    const file = rq.reconcileDetailFile(i);
    const filename = `${this.setup.institutionCode}_${i.begin.replace(/-/g, '')}_${i.end.replace(/-/g, '')}.txt`;
    const up = await this.send('9101', { fsUploadIn: { in: Buffer.from(file, 'utf8').toString('base64'), filename, fixmedins_code: this.setup.institutionCode } });
    const fileQueryNo = Reader.of(up.output, 'output', '9101', up.meta.msgid).str('file_qury_no', true);
    const a = await this.call('3202', rq.reconcileDetailsInput(i, fileQueryNo), opts, undefined, (out, msgid) => {
      const f = Reader.of(out, 'output', '3202', msgid).child('fileinfo', true);
      return { fileQueryNo: f.str('file_qury_no', true), filename: f.str('filename') };
    });
    const down = await this.send('9102', { fsDownloadIn: { file_qury_no: a.fileQueryNo, filename: a.filename, fixmedins_code: this.setup.institutionCode } });
    const content = Reader.of(down.output, 'output', '9102', down.meta.msgid).str('content', true);
    return { fileQueryNo: a.fileQueryNo, rows: an.readDetailResultFile(Buffer.from(content, 'base64').toString('utf8')), meta: a.meta };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

export function createNetworkClient(setup: NetworkSetup, deps: NetworkClientDeps): HttpNetworkClient {
  return new HttpNetworkClient(setup, deps);
}

