// The platform's core, without HTTP: a request envelope in, an answer out. Order of checks:
// repeated msgid (same body → the first answer; another body → refused), the envelope, the
// input tables, the insured region of the person named, then the transaction itself. A refusal
// changes nothing; every answer is remembered by msgid and journaled with what it applied.
import crypto from 'node:crypto';
import { chinaDate, chinaDateTime, chinaStamp, chinaParts } from '../../core/time';
import { CatalogStore } from './catalog/store';
import type { CatalogSizes } from './catalog/generate';
import { FileAnswer, type Ctx, type Institution, type Output, type SimConfig } from './context';
import { answerText, checkEnvelope, institutionOf } from './envelope';
import { Refusal, TEXT, where } from './errors';
import { checkInput, type Row } from './fields';
import type { AdminAction, Journal, JournalEntry } from './journal';
import { Matchings } from './matching';
import { platformPersons } from './persons';
import { Books } from './state';
import { TraceBook } from './trace';
import { shaped } from './shapes';
import { READ_ONLY, TRANSACTIONS } from './transactions';

export type Answer = { kind: 'json'; text: string; infcode: number } | { kind: 'file'; bytes: Buffer; fileQuryNo: string };

interface Remembered {
  hash: string;
  text?: string;
  file?: string;
}

/** Answers kept for repeated msgids; beyond this the oldest keep only their body hash. */
const KEEP_TEXTS = 50_000;

export interface PlatformStats {
  replayed: number;
  dupRefused: number;
  rejected: number;
  answered: number;
}

export class Platform {
  readonly books: Books;
  readonly matching = new Matchings();
  readonly trace = new TraceBook();
  readonly stats: PlatformStats = { replayed: 0, dupRefused: 0, rejected: 0, answered: 0 };
  private store?: CatalogStore;
  private readonly answers = new Map<string, Remembered>();
  private readonly texts: string[] = [];
  private refSeq = 0;

  constructor(readonly cfg: SimConfig, instance: string, private readonly sizes: CatalogSizes, private readonly versions: number, private readonly journal?: Journal, private readonly log?: (l: string) => void) {
    this.books = new Books(instance, platformPersons());
  }

  /** The catalogs, generated on first use (a simulator that never prices a line never pays for them). */
  catalog(): CatalogStore {
    return (this.store ??= new CatalogStore(this.cfg.seed, this.sizes, this.versions));
  }

  private ctx(env: Record<string, unknown>, infno: string, institution: Institution, at: Date, nodes: Record<string, Row | Row[]>, raw: Record<string, unknown>): Ctx {
    const p = chinaParts(at);
    return {
      books: this.books, catalog: () => this.catalog(), matching: this.matching, trace: this.trace, cfg: this.cfg, infno, msgid: String(env.msgid),
      env, at, atMs: at.getTime(), day: chinaDate(at), time: chinaDateTime(at), stamp: chinaStamp(at), year: p.year, month: p.month, institution, nodes, raw,
    };
  }

  private hashOf(env: Record<string, unknown>): string {
    return crypto.createHash('sha1').update(`${String(env.infno)}|${JSON.stringify(env.input ?? null)}`).digest('hex');
  }

  private text(env: Record<string, unknown>, at: Date, output: unknown, err: string | null): string {
    const seq = `${this.books.instance}${String(++this.refSeq % 1e8).padStart(8, '0')}`;
    return answerText(String(env.mdtrtarea_admvs ?? ''), seq, at, output, err);
  }

  /** Runs the transaction (checks of the input included); throws Refusal. */
  private apply(env: Record<string, unknown>, at: Date, infno: string, institution: Institution): Output {
    const tx = TRANSACTIONS[infno];
    const day = chinaDate(at);
    const { nodes, raw } = checkInput(infno, tx.nodes, env.input as Record<string, unknown>, day);
    const c = this.ctx(env, infno, institution, at, nodes, raw);
    this.checkInsuredRegion(c);
    return tx.handler(c);
  }

  /** When the input names a person, the envelope must carry their insured region. */
  private checkInsuredRegion(c: Ctx): void {
    let psnNo = '';
    for (const n of Object.values(c.nodes)) {
      const row = Array.isArray(n) ? n[0] : n;
      if (row?.psn_no) psnNo = row.psn_no;
      if (psnNo) break;
    }
    const p = psnNo ? this.books.persons.get(psnNo) : undefined;
    if (!p) return;
    const insuplc = String(c.env.insuplc_admdvs ?? '').trim();
    if (!insuplc) throw new Refusal(`${where(c.infno)}报文头：参保地医保区划(insuplc_admdvs)不能为空`);
    if (!p.insu.some((r) => r.insuplc_admdvs === insuplc)) throw new Refusal(`${where(c.infno)}报文头：参保地医保区划(insuplc_admdvs)${insuplc}与人员参保地不一致`);
  }

  private remember(msgid: string, r: Remembered): void {
    if (!msgid) return;
    this.answers.set(msgid, r);
    if (r.text !== undefined) {
      this.texts.push(msgid);
      if (this.texts.length > KEEP_TEXTS) {
        const old = this.answers.get(this.texts.shift()!);
        if (old) old.text = undefined;
      }
    }
  }

  /** A live request. */
  handle(env: Record<string, unknown>, at: Date): Answer {
    const msgid = typeof env.msgid === 'string' ? env.msgid : '';
    const seen = msgid ? this.answers.get(msgid) : undefined;
    if (seen) return this.repeat(env, at, seen);
    const infno = String(env.infno ?? '');
    let answer: Answer;
    let ok = false;
    try {
      if (!TRANSACTIONS[infno]) throw new Refusal(`${where(infno)}报文头：交易编号(infno)${infno || '(空)'}不存在`);
      const facts = checkEnvelope(env, this.cfg, this.books, at.getTime(), chinaDate(at));
      const out = this.apply(env, at, infno, facts.institution);
      ok = true;
      answer = out instanceof FileAnswer ? { kind: 'file', bytes: out.bytes, fileQuryNo: out.fileQuryNo } : { kind: 'json', text: this.text(env, at, shaped(infno, out, this.cfg.answerShape), null), infcode: 0 };
      this.stats.answered += 1;
    } catch (err) {
      if (!(err instanceof Refusal)) this.log?.(`simulator: ${infno} ${msgid} internal error: ${(err as Error).stack ?? String(err)}`);
      this.stats.rejected += 1;
      answer = { kind: 'json', text: this.text(env, at, undefined, err instanceof Refusal ? err.message : `中心内部错误：${(err as Error).message}`), infcode: -1 };
    }
    const remembered: Remembered = answer.kind === 'file' ? { hash: this.hashOf(env), file: answer.fileQuryNo } : { hash: this.hashOf(env), text: answer.text };
    if (msgid) {
      this.journal?.append({ at: at.toISOString(), env, ok, answer: remembered.text ?? null, file: remembered.file });
      this.remember(msgid, remembered);
    }
    return answer;
  }

  private repeat(env: Record<string, unknown>, at: Date, seen: Remembered): Answer {
    if (seen.hash !== this.hashOf(env)) {
      this.stats.dupRefused += 1;
      return { kind: 'json', text: this.text(env, at, undefined, TEXT.duplicateMsgid), infcode: -1 };
    }
    this.stats.replayed += 1;
    if (seen.text !== undefined) return { kind: 'json', text: seen.text, infcode: (JSON.parse(seen.text) as { infcode: number }).infcode };
    if (seen.file) {
      // The file is served again as long as the platform still holds it.
      const inst = institutionOf(env, this.cfg);
      try {
        const out = inst ? this.apply(env, at, '9102', inst) : undefined;
        if (out instanceof FileAnswer) return { kind: 'file', bytes: out.bytes, fileQuryNo: out.fileQuryNo };
      } catch {
        return { kind: 'json', text: this.text(env, at, undefined, TEXT.fileMissing), infcode: -1 };
      }
    }
    this.stats.dupRefused += 1;
    return { kind: 'json', text: this.text(env, at, undefined, TEXT.duplicateMsgid), infcode: -1 };
  }

  /** Rebuilds the books from a journal entry: applied messages run again, every answer is remembered. */
  replay(e: JournalEntry): void {
    const at = new Date(e.at);
    if (e.admin) return this.admin(e.admin, at, false, e.token && e.key ? { token: e.token, key: e.key } : undefined);
    const env = e.env!;
    const msgid = String(env.msgid ?? '');
    const infno = String(env.infno);
    const applied = e.ok && !READ_ONLY.has(infno) && typeof e.answer === 'string' && (JSON.parse(e.answer) as { infcode: number }).infcode === 0;
    if (applied) {
      const inst = institutionOf(env, this.cfg);
      try {
        if (!inst) throw new Refusal('unknown institution');
        this.apply(env, at, infno, inst);
      } catch (err) {
        this.log?.(`simulator: journal replay of ${infno} ${msgid} did not apply again: ${(err as Error).message}`);
      }
    }
    this.remember(msgid, e.file ? { hash: this.hashOf(env), file: e.file } : { hash: this.hashOf(env), text: e.answer ?? undefined });
  }

  /** Operations from the inspection side (ending sign-ins, publishing a catalog version, e-voucher tokens). */
  admin(action: AdminAction, at: Date, journal = true, token?: { token: string; key: string }): void {
    if (journal) this.journal?.append({ at: at.toISOString(), admin: action, ...(token ?? {}) });
    if (action === 'token') {
      if (token) this.books.tokens.set(token.token, { key: token.key, atMs: at.getTime() });
    } else if (action === 'endSignIns') {
      for (const s of this.books.signIns.values()) if (!s.ended) s.ended = 'ended by the platform';
    } else {
      this.catalog().publish(chinaDate(at), chinaDateTime(at));
    }
  }
}
