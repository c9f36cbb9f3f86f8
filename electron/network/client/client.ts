// The HTTP(S) JSON client of the insurance network interface, its core: the envelope, the
// sign-in life cycle, one exchange (request, answer, message log, error taxonomy) and files.
// The transactions are methods of HttpNetworkClient (./transactions.ts).
//
// Sign-in: 9001 at the first call of each China business day, and again whenever the platform
// refuses a call because the sign-in ended (RefusalMatcher 'signInEnded'). The refused call is
// then sent again under a NEW msgid: the refusal applied nothing, and the platform remembers
// every msgid it saw (a repeat is answered with the first answer, the refusal, or refused as a
// duplicate — NETWORK-SPEC §1.5, §1.9). A caller that keeps msgids durably (the outbox) passes
// `renewMsgid` to record the new one before it leaves; without it the call fails with
// SignInEndedError (nothing applied; send again with a new msgid).
import type { Answer, GatewayPlugin, MessageLogSink, NetworkSetup, ReplyMeta, SendOptions } from './index';
import { BadResponseError, BusinessRejectedError, GatewayRefusalError, NetworkError, NotSentError, UnknownOutcomeError, outcomeWords } from './errors';
import { envelopeOf, parseBody, Reader, type ParsedEnvelope } from './parse';
import { postJson, type PostAnswer } from './transport';
import { chinaDate, chinaDateTime } from '../../core/time';
import { assertComplete, ENVELOPE_REQUIRED } from './required';
import { RefusalMatcher } from './patterns';
import { isZip, readZip } from './zip';
import type { NetFile, SignInResult, SignOutResult } from './types';

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

/** Validates the setup: every envelope value the reference marks required must be non-empty. */
export function checkSetup(setup: NetworkSetup): void {
  const missing = REQUIRED_SETUP.filter((k) => typeof setup[k] !== 'string' || !(setup[k] as string).trim());
  if (missing.length) throw new Error(`network setup incomplete: ${missing.join(', ')} must not be empty`);
  if (!/^\d{6}$/.test(setup.region)) throw new Error(`network setup: region must be 6 digits (${setup.region})`);
}

/** The refused call was answered "sign-in ended" and could not be sent again here: nothing applied, send again with a NEW msgid. */
export class SignInEndedError extends NotSentError {
  readonly needsNewMsgid = true;
  constructor(infno: string, msgid: string, readonly errMsg: string, cause?: unknown) {
    super(infno, msgid, `the platform ended the sign-in (${errMsg}); the call applied nothing and must be sent again under a new msgid`, cause,
      `医保签到已失效（${errMsg}），本笔交易未生效，将重新签到后重发`);
    this.name = 'SignInEndedError';
  }
}

export type PersonCtx = { insuranceRegion?: string };

type Exchanged = { kind: 'json'; parsed: ParsedEnvelope; status: number } | { kind: 'file'; bytes: Buffer };

interface SignIn {
  no: string;
  /** The China business day it was made on. */
  day: string;
}

export class NetworkClientCore {
  private sign: SignIn | undefined;
  private signing: Promise<unknown> | undefined;
  private seen: { online: boolean; at: Date } | undefined;
  protected readonly now: () => Date;
  protected readonly refusals: RefusalMatcher;

  constructor(readonly setup: Readonly<NetworkSetup>, protected readonly deps: NetworkClientDeps) {
    checkSetup(setup);
    this.now = deps.now ?? (() => new Date());
    this.refusals = new RefusalMatcher(setup.refusalPatterns);
  }

  get signNo(): string | undefined {
    return this.sign?.no;
  }

  get lastSeenOnline() {
    return this.seen;
  }

  /** Whether an error is the platform's refusal of a kind (sign-in ended, original not found …). */
  isRefusal(err: unknown, kind: Parameters<RefusalMatcher['is']>[0]): boolean {
    return err instanceof BusinessRejectedError && !(err instanceof GatewayRefusalError) && this.refusals.is(kind, err.errMsg);
  }

  private envelope(infno: string, msgid: string, input: Record<string, unknown>, person?: PersonCtx): Record<string, unknown> {
    const s = this.setup;
    return {
      infno, msgid, mdtrtarea_admvs: s.region, insuplc_admdvs: person?.insuranceRegion || s.region, recer_sys_code: s.receiverSystemCode,
      dev_no: s.deviceNo ?? '', dev_safe_info: '', cainfo: '', signtype: '', infver: s.interfaceVersion, opter_type: s.operatorType,
      opter: s.operatorCode, opter_name: s.operatorName, inf_time: chinaDateTime(this.now()), fixmedins_code: s.institutionCode,
      fixmedins_name: s.institutionName, sign_no: this.sign?.no ?? '', input,
    };
  }

  /** Signs in unless the current sign-in is of today (China) and not the one a refusal named `stale`. */
  private async ensureSignedIn(infno: string, timeoutMs: number | undefined, stale?: string): Promise<void> {
    if (infno === '9001' || this.setup.autoSignIn === false) return;
    const today = chinaDate(this.now());
    const current = this.sign && this.sign.day === today && this.sign.no !== stale;
    if (current) return;
    // One sign-in for every caller at once: a newer 9001 of the same operator ends the older one.
    this.signing ??= this.signIn({ timeoutMs }).finally(() => {
      this.signing = undefined;
    });
    await this.signing;
  }

  private async signedIn(infno: string, msgid: string, timeoutMs: number | undefined, stale?: string): Promise<void> {
    try {
      await this.ensureSignedIn(infno, timeoutMs, stale);
    } catch (err) {
      // The business message itself never left: whatever happened to the sign-in, it is NotSent.
      const why = err instanceof NetworkError ? `${err.kind}: ${err.detail ?? err.message}` : String(err);
      throw new NotSentError(infno, msgid, `sign-in (9001) failed before sending: ${why}`, err, `签到失败（医保网络${outcomeWords(err)}），本笔交易尚未发出`);
    }
  }

  /** One request and its answer (JSON envelope or, for 9102, the file); logs both; throws the taxonomy's errors. */
  private async exchange(infno: string, msgid: string, input: Record<string, unknown>, opts: SendOptions, person?: PersonCtx): Promise<Exchanged> {
    let envelope = this.envelope(infno, msgid, input, person);
    if (opts.operator) Object.assign(envelope, { opter: opts.operator.code, opter_name: opts.operator.name });
    for (const [k, label] of Object.entries(ENVELOPE_REQUIRED)) {
      if (!String(envelope[k] ?? '').trim()) throw new NotSentError(infno, msgid, `envelope ${k} (${label}) is empty`, undefined, `报文头的「${label}」为空，请检查医保设置（未发送）`);
    }
    if (this.deps.gateway?.seal) envelope = this.deps.gateway.seal(envelope);
    const body = JSON.stringify(envelope);
    const started = this.now();
    const logId = this.deps.log?.started({ msgid, infno, endpoint: this.setup.endpoint, at: started, request: envelope });
    const done = (e: Omit<Parameters<MessageLogSink['finished']>[1], 'at' | 'durationMs'>) => {
      const at = this.now();
      if (logId !== undefined) this.deps.log?.finished(logId, { ...e, at, durationMs: at.getTime() - started.getTime() });
    };
    const timeoutMs = opts.timeoutMs ?? this.setup.timeoutMs ?? 30_000;
    let answer: PostAnswer;
    try {
      answer = await postJson({
        url: this.setup.endpoint, body, tls: this.setup.tls, infno, msgid, timeoutMs,
        connectTimeoutMs: Math.min(this.setup.connectTimeoutMs ?? 10_000, timeoutMs), headers: this.deps.gateway?.headers?.({ infno, body, now: started }),
      });
    } catch (err) {
      this.note(false);
      const e = err instanceof NetworkError ? err : new UnknownOutcomeError(infno, msgid, String(err), err);
      done({ outcome: e.kind === 'notSent' ? 'notSent' : 'unknownOutcome', errMsg: e.detail });
      throw e;
    }
    this.note(true);
    try {
      const got = this.read(answer, infno, msgid);
      if (got.kind === 'json') done({ outcome: 'ok', httpStatus: answer.status, infcode: got.parsed.infcode, response: got.parsed.raw });
      else done({ outcome: 'ok', httpStatus: answer.status, response: `<file ${got.bytes.length} bytes>` });
      return got;
    } catch (err) {
      const e = err as NetworkError;
      done({
        outcome: e.kind === 'rejected' ? 'rejected' : 'badResponse', httpStatus: answer.status,
        infcode: e instanceof BusinessRejectedError ? e.infcode : undefined,
        errMsg: e instanceof BusinessRejectedError ? e.errMsg : e.detail ?? String(err), response: safeJson(answer.text),
      });
      throw err;
    }
  }

  /** The answer: a zip (9102's file), an envelope (refused when infcode ≠ 0), or a gateway's refusal. */
  private read(answer: PostAnswer, infno: string, msgid: string): Exchanged {
    if (isZip(answer.bytes)) return { kind: 'file', bytes: answer.bytes };
    const body = parseBody(answer.text, infno, msgid, answer.status);
    if (body.kind === 'gateway') throw new GatewayRefusalError(infno, msgid, body.gateway.code, body.gateway.message, answer.status);
    let parsed = body.envelope;
    if (this.deps.gateway?.open) parsed = envelopeOf(this.openAnswer(parsed.raw, infno, msgid), infno, msgid, answer.status);
    if (parsed.infcode !== '0') throw new BusinessRejectedError(infno, msgid, parsed.infcode, parsed.errMsg, parsed.warnMsg);
    if (answer.status < 200 || answer.status > 299) throw new BadResponseError(infno, msgid, `HTTP ${answer.status} with infcode 0`, answer.status);
    if (typeof parsed.output !== 'object' || parsed.output === null) throw new BadResponseError(infno, msgid, 'output is not an object', answer.status);
    return { kind: 'json', parsed, status: answer.status };
  }

  private note(online: boolean): void {
    this.seen = { online, at: this.now() };
    this.deps.onSeen?.(online);
  }

  private openAnswer(raw: Record<string, unknown>, infno: string, msgid: string): Record<string, unknown> {
    try {
      return this.deps.gateway!.open!(raw);
    } catch (err) {
      throw new BadResponseError(infno, msgid, `gateway ${this.deps.gateway!.name}: ${(err as Error).message}`);
    }
  }

  /**
   * Sends one transaction (signing in first when needed) and returns its answer; a call refused
   * because the sign-in ended is signed in again and sent once more under a new msgid.
   */
  private async transact(infno: string, input: Record<string, unknown>, opts: SendOptions, person?: PersonCtx): Promise<{ got: Exchanged; msgid: string }> {
    assertComplete(infno, input);
    let msgid = opts.msgid ?? (await this.deps.msgids.next(infno));
    await this.signedIn(infno, msgid, opts.timeoutMs);
    for (let round = 0; ; round++) {
      const used = this.sign?.no;
      try {
        return { got: await this.exchange(infno, msgid, input, opts, person), msgid };
      } catch (err) {
        const ended = infno !== '9001' && infno !== '9002' && this.setup.autoSignIn !== false && this.isRefusal(err, 'signInEnded');
        if (!ended) throw err;
        const errMsg = (err as BusinessRejectedError).errMsg;
        // Refused again (the platform ended the new sign-in too): applied nothing; the caller sends it later.
        const fresh = round >= 1 ? undefined : opts.msgid === undefined ? await this.deps.msgids.next(infno) : await opts.renewMsgid?.(infno);
        if (!fresh) {
          await this.signedIn(infno, msgid, opts.timeoutMs, used).catch(() => undefined);
          throw new SignInEndedError(infno, msgid, errMsg, err);
        }
        msgid = fresh;
        await this.signedIn(infno, msgid, opts.timeoutMs, used);
      }
    }
  }

  /** The raw transaction: envelope + input node(s) -> parsed `output` (infcode checked). */
  async send(infno: string, input: Record<string, unknown>, opts: SendOptions = {}, person?: PersonCtx) {
    const { got, msgid } = await this.transact(infno, input, opts, person);
    if (got.kind === 'file') throw new BadResponseError(infno, msgid, 'answer is a file where an envelope was expected');
    const p = got.parsed;
    const meta: ReplyMeta = { msgid, infno, refMsgid: p.refMsgid, warnMsg: p.warnMsg, respondTime: p.respondTime };
    return { output: p.output as Record<string, unknown>, meta };
  }

  /** Sends and reads: `read` turns the output into the answer (its BadResponseErrors are the call's). */
  protected async call<T>(infno: string, input: Record<string, unknown>, opts: SendOptions | undefined, person: PersonCtx | undefined,
    read: (output: Record<string, unknown>, msgid: string) => T): Promise<Answer<T>> {
    const { output, meta } = await this.send(infno, input, opts, person);
    return { ...read(output, meta.msgid), meta };
  }

  async signIn(opts: SendOptions = {}): Promise<Answer<SignInResult>> {
    const input = { signIn: { opter_no: this.setup.operatorCode, mac: this.setup.mac ?? '00-00-00-00-00-00', ip: this.setup.ip ?? '127.0.0.1' } };
    const day = chinaDate(this.now());
    const a = await this.call('9001', input, opts, undefined, (out, msgid) => {
      const r = Reader.of(out, 'output', '9001', msgid);
      const node = r.child(r.has('signinoutb') ? 'signinoutb' : 'result', true);
      return { signNo: node.str('sign_no', true), signTime: node.str('sign_time') };
    });
    this.sign = { no: a.signNo, day };
    return a;
  }

  async signOut(opts: SendOptions = {}): Promise<Answer<SignOutResult>> {
    const input = { signOut: { sign_no: this.sign?.no ?? '', opter_no: this.setup.operatorCode } };
    const a = await this.call('9002', input, opts, undefined, (out, msgid) => ({
      signTime: Reader.of(out, 'output', '9002', msgid).child('signoutoutb').str('sign_time'),
    }));
    this.sign = undefined;
    return a;
  }

  /**
   * Whether the network answers, without ending anyone's sign-in: a 1901 dictionary query while
   * signed in today (a newer 9001 of the same operator would end the sign-in other calls use),
   * else the sign-in itself. Throws the call's error.
   */
  async ping(opts: SendOptions = {}): Promise<void> {
    if (!this.sign || this.sign.day !== chinaDate(this.now())) {
      await this.signIn(opts);
      return;
    }
    const day = chinaDate(this.now());
    await this.send('1901', { data: { type: 'VALI_FLAG', parentValue: '', admdvs: this.setup.region, date: day, valiFlag: '1' } }, opts);
  }

  /** Signs out (9002) when signed in, for closing the window; failures are only reported. */
  async close(timeoutMs = 3000): Promise<{ signedOut: boolean; error?: string }> {
    if (!this.sign) return { signedOut: false };
    try {
      await this.signOut({ timeoutMs });
      return { signedOut: true };
    } catch (err) {
      this.sign = undefined;
      return { signedOut: false, error: err instanceof NetworkError ? `${err.kind}: ${err.detail ?? err.message}` : String(err) };
    }
  }

  /** 9102: the file of a file_qury_no (a catalog or a reconciliation result), read from the zip the platform sends. */
  async download9102(fileQueryNo: string, filename: string, opts: SendOptions & { owner?: string } = {}): Promise<Answer<NetFile>> {
    const input = { fsDownloadIn: { file_qury_no: fileQueryNo, filename, fixmedins_code: opts.owner ?? this.setup.institutionCode } };
    const { got, msgid } = await this.transact('9102', input, opts);
    const meta: ReplyMeta = { msgid, infno: '9102', refMsgid: '', warnMsg: '', respondTime: '' };
    if (got.kind !== 'file') throw new BadResponseError('9102', msgid, 'an envelope came where the file was expected');
    let entries;
    try {
      entries = readZip(got.bytes).map((e) => ({ name: e.name, text: e.data.toString('utf8') }));
    } catch (err) {
      throw new BadResponseError('9102', msgid, `the file is not a readable zip: ${(err as Error).message}`);
    }
    return { bytes: got.bytes, entries, meta };
  }

  /** 9101: uploads a file (Base64 of its bytes); returns its file_qury_no. */
  async upload9101(filename: string, bytes: Buffer, opts: SendOptions = {}): Promise<Answer<{ fileQueryNo: string; filename: string }>> {
    const input = { fsUploadIn: { in: bytes.toString('base64'), filename, fixmedins_code: this.setup.institutionCode } };
    return this.call('9101', input, opts, undefined, (out, msgid) => {
      const r = Reader.of(out, 'output', '9101', msgid);
      return { fileQueryNo: r.str('file_qury_no', true), filename: r.str('filename') || filename };
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}
