// The trace area in the app (drug traceability codes, 追溯码): the scan at dispensing, the sale
// records' upload queue and its sender, the pharmacy's daily report, the setup. The settle area
// reaches it only through hook.ts (traceWithin / traceCancelWithin, inside its transactions).
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { MsgIdSource, NetworkClient } from '../network/client';
import type { HisVisitsService } from '../his';
import type { TraceReceiptCounts } from '../api/views/trace';
import { AppFailure } from '../core/result';
import { chinaDate } from '../core/time';
import { array, int, none, obj, oneOf, optional, str } from '../api/validate';
import { TraceRepo } from './repo';
import { UploadQueue, type UploadState } from './queue-repo';
import { TraceScanService } from './scan';
import { TraceSender } from './sender';
import { dailyReport, receiptCounts, reportCsv, uploadView } from './report';
import { readTraceSetup, traceSetupInput, writeTraceSetup } from './setup';
import { onTraceHook } from './hook';
import { PICKABLE_REASONS } from './rules';

export interface TraceDeps {
  client: NetworkClient;
  msgids: () => Pick<MsgIdSource, 'nextSync'>;
  his: Pick<HisVisitsService, 'get' | 'mappedLines'>;
  operatorName: (operatorId: string) => string | undefined;
  /** Units per pack of a national drug code from the catalog's packaging, when known. */
  packSize?: (listCode: string) => number | undefined;
}

export interface TraceServices {
  scan: TraceScanService;
  sender: TraceSender;
  queue: UploadQueue;
  repo: TraceRepo;
  /** The counts a settlement's receipt shows (undefined: no drug lines were traced). */
  receiptCounts(settlementId: string): TraceReceiptCounts | undefined;
}

const day = optional(str({ pattern: /^\d{4}-\d{2}-\d{2}$/ }));
const visitId = str({ min: 1, max: 64 });
const lineNo = str({ min: 1, max: 64 });
const STATES = ['waiting', 'sending', 'done', 'rejected', 'void'] as const;

export function installTrace(ctx: AppContext, d: Dispatcher, deps: TraceDeps): TraceServices {
  const now = () => ctx.now();
  const repo = new TraceRepo(ctx.db, now);
  const queue = new UploadQueue(ctx.db, now);
  const setup = () => readTraceSetup(ctx.settings);
  const scan = new TraceScanService({ repo, his: deps.his, setup, packSize: deps.packSize });
  const sender = new TraceSender({ db: ctx.db, client: deps.client, msgids: deps.msgids, setup, operatorName: deps.operatorName, now, log: ctx.log });
  const unhook = onTraceHook({ log: (l) => ctx.log.error(l), queued: () => void sender.kick() });
  sender.start();
  ctx.onClose(() => {
    unhook();
    sender.stop();
  });
  const today = (date?: string) => date ?? chinaDate(ctx.now());

  d.register('trace.open', { role: 'cashier', input: obj({ visitId }), run: (i) => scan.open(i.visitId) });
  d.register('trace.scan', { role: 'cashier', input: obj({ visitId, lineNo, code: str({ min: 1, max: 64 }) }), run: (i) => scan.scan(i.visitId, i.lineNo, i.code) });
  d.register('trace.remove', { role: 'cashier', input: obj({ visitId, code: str({ min: 1, max: 64 }) }), run: (i) => scan.remove(i.visitId, i.code) });
  d.register('trace.reason', {
    role: 'cashier',
    input: obj({ visitId, lineNo, reason: optional(oneOf(PICKABLE_REASONS)) }),
    run: (i) => scan.reason(i.visitId, i.lineNo, i.reason),
  });
  d.register('trace.report', { role: 'any', input: obj({ date: day }), run: (i) => dailyReport(repo, queue, today(i.date)) });
  d.register('trace.reportCsv', {
    role: 'any',
    input: obj({ date: day }),
    run: (i) => ({ fileName: `追溯码日报-${today(i.date)}.csv`, csv: reportCsv(dailyReport(repo, queue, today(i.date))) }),
  });
  d.register('trace.uploads', {
    role: 'any',
    input: obj({ states: optional(array(oneOf(STATES), { max: 5 })) }),
    run: (i) => queue.list((i.states ?? ['waiting', 'sending', 'rejected']) as UploadState[]).map((u) => uploadView(u, repo.sale(u.settlementId, u.lineNo))),
  });
  d.register('trace.retry', {
    role: 'cashier',
    input: obj({ id: int({ min: 1 }) }),
    run: (i) => {
      if (!queue.retry(i.id)) throw new AppFailure({ code: 'TRACE_NOT_REJECTED', message: '只有被拒绝的销售记录可以重新上传', field: 'id' });
      void sender.kick();
      const u = queue.get(i.id)!;
      return uploadView(u, repo.sale(u.settlementId, u.lineNo));
    },
  });
  d.register('trace.setup.get', { role: 'any', input: none(), run: () => setup() });
  d.register('trace.setup.set', { role: 'technician', input: traceSetupInput, run: (s) => writeTraceSetup(ctx.settings, s) });
  return { scan, sender, queue, repo, receiptCounts: (id) => receiptCounts(repo, id) };
}
