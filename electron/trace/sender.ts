// Sends the queued sale records in order. A 3505 waits until its settlement is confirmed at the
// network (its setl_id in settlement_network: at once online, after the forwarder's send for an
// offline one); a 3506 waits until its 3505 is done and the cancellation applied there. The msgid
// is stored before the request leaves and kept until an answer: not sent, no answer or a bad
// answer are sent again under it (the platform answers a repeat as the first time); a refusal is
// final with the network's words (the rejected list, retried by hand).
import type { Db } from '../store/db';
import type { MsgIdSource, NetworkClient } from '../network/client';
import { BusinessRejectedError, NetworkError, RequestIncompleteError, SignInEndedError } from '../network/client';
import { SettlementsRepo, type SettlementDoc } from '../store/settlements';
import { SettlementNetworkRepo } from '../store/settlement-network';
import { TraceRepo } from './repo';
import { UploadQueue, type Upload } from './queue-repo';
import { saleInput } from './sale-input';
import type { TraceSetup } from './setup';

export interface SenderDeps {
  db: Db;
  client: NetworkClient;
  msgids: () => Pick<MsgIdSource, 'nextSync'>;
  setup: () => TraceSetup;
  operatorName: (operatorId: string) => string | undefined;
  now: () => Date;
  log: { info(l: string): void; warn(l: string): void };
  /** How often the queue is looked at without a kick (ms). */
  intervalMs?: number;
}

type Ready = { doc: SettlementDoc; at: Date; netId: string } | { wait: string } | { void: string };

export class TraceSender {
  private readonly queue: UploadQueue;
  private readonly repo: TraceRepo;
  private readonly docs: SettlementsRepo;
  private readonly network: SettlementNetworkRepo;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly d: SenderDeps) {
    this.queue = new UploadQueue(d.db, d.now);
    this.repo = new TraceRepo(d.db, d.now);
    this.docs = new SettlementsRepo(d.db);
    this.network = new SettlementNetworkRepo(d.db, d.now);
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.d.intervalMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Looks at the queue now (again once the current pass ends). */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const u of this.queue.due()) {
      try {
        await this.one(u);
      } catch (err) {
        this.d.log.warn(`trace upload ${u.id} (${u.infno} ${u.settlementId}/${u.lineNo}): ${err instanceof Error ? err.stack : String(err)}`);
        this.queue.later(u.id, this.after(60_000), '上传出错，稍后重试');
      }
    }
  }

  /** A row waiting on its settlement is looked at every second at first, every minute once it is an hour old. */
  private waitMs(u: Upload): number {
    const age = this.d.now().getTime() - Date.parse(u.createdAt);
    return Math.min(60_000, Math.max(1000, Math.floor(age / 60)));
  }

  private after(ms: number): Date {
    return new Date(this.d.now().getTime() + ms);
  }

  /** Whether the row can go now, and what it is built from. */
  private ready(u: Upload): Ready {
    const net = this.network.get(u.settlementId);
    const doc = this.docs.get(u.settlementId);
    if (!net || !doc) return { void: '没有找到结算记录' };
    if (u.infno === '3505') {
      if (net.state === 'local') return { void: '该结算未在医保平台结算，无需上传' };
      if (net.state === 'cancelled' && u.state === 'waiting') return { void: '结算已撤销，销售记录未上传' };
      if (!net.netSettlementId || (net.state !== 'confirmed' && net.state !== 'cancelled')) return { wait: '等待医保平台确认结算' };
      return { doc, at: new Date(doc.createdAt), netId: net.netSettlementId };
    }
    const sale = this.queue.find(u.settlementId, u.lineNo, '3505');
    if (!sale || sale.state === 'rejected' || sale.state === 'void') return { void: '销售记录未被医保平台接受，无需退货' };
    if (sale.state !== 'done') return { wait: '等待销售记录上传完成' };
    if (net.state !== 'cancelled' || !net.netSettlementId) return { wait: '等待医保平台撤销结算' };
    const canc = this.docs.cancellationOf(doc.id);
    return { doc, at: new Date(canc?.createdAt ?? this.d.now()), netId: net.netSettlementId };
  }

  private async one(u: Upload): Promise<void> {
    // Read and claim without an await between: a cancellation cannot slip in.
    const fresh = this.queue.get(u.id);
    if (!fresh || (fresh.state !== 'waiting' && fresh.state !== 'sending')) return;
    const r = this.ready(fresh);
    if ('void' in r) return this.queue.finish(u.id, 'void', r.void);
    if ('wait' in r) return this.queue.later(u.id, this.after(this.waitMs(fresh)), r.wait);
    const sale = this.repo.sale(u.settlementId, u.lineNo);
    if (!sale) return this.queue.finish(u.id, 'void', '没有找到药品销售记录');
    const operatorName = this.d.operatorName(r.doc.operatorId) ?? r.doc.operatorId;
    const input = saleInput({ doc: r.doc, sale, netSettlementId: r.netId, setup: this.d.setup(), operatorName, at: r.at });
    const msgid = fresh.msgid ?? this.d.msgids().nextSync(u.infno);
    this.queue.sending(u.id, msgid);
    const renewMsgid = async (infno: string) => {
      const m = this.d.msgids().nextSync(infno);
      this.queue.sending(u.id, m);
      return m;
    };
    try {
      const send = u.infno === '3505' ? this.d.client.sellDrug3505.bind(this.d.client) : this.d.client.returnDrug3506.bind(this.d.client);
      const a = await send(input, { msgid, renewMsgid });
      if (a.ok) this.queue.finish(u.id, 'done', a.message || undefined);
      else this.queue.finish(u.id, 'rejected', a.message || '医保平台未接受销售记录');
      this.d.log.info(`trace ${u.infno} ${u.settlementId}/${u.lineNo} msgid ${msgid}: ${a.ok ? 'accepted' : `refused: ${a.message}`}`);
    } catch (err) {
      this.failed(fresh, err);
    }
  }

  private failed(u: Upload, err: unknown): void {
    if (err instanceof RequestIncompleteError) {
      // Nothing left: the setup lacks a required value (the pharmacist). Held until it is filled in.
      this.queue.later(u.id, this.after(30_000), err.error.message);
      return;
    }
    if (err instanceof BusinessRejectedError) {
      this.queue.finish(u.id, 'rejected', err.errMsg || err.message);
      this.d.log.warn(`trace ${u.infno} ${u.settlementId}/${u.lineNo} rejected: ${err.detail ?? err.message}`);
      return;
    }
    if (err instanceof SignInEndedError || err instanceof NetworkError) {
      const wait = Math.min(60_000, 2000 * 2 ** Math.min(u.attempts, 5));
      this.queue.later(u.id, this.after(wait), err.message);
      return;
    }
    throw err;
  }
}
