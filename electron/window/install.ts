// The window area in the app: the window.* calls over WindowService (identify, visits, catalog,
// pre-settle, settle, print, today's list, cancel, daily summary), card-free rules, demo cards.
import type { AppContext } from '../platform/context';
import type { Dispatcher, Session } from '../api/dispatch';
import type { WindowServices } from './deps';
import type { DailySummaryView } from '../api/contract';
import { array, bool, int, none, obj, oneOf, optional, str, money, v } from '../api/validate';
import { AppFailure } from '../core/result';
import { WindowService } from './service';
import { authorizeCancel } from '../settlement/authorize';
import { SettlementsRepo } from '../store/settlements';
import { SettlementAdapter } from './settlement-adapter';
import { UploadAhead } from './ahead';
import { issueReceiptOf, planRecovery, runRecovery, type RecoveryReport } from './recovery';
import { DayBook } from './summary';
import { renderDaySheetHtml } from '../print/day-sheet';
import { getInstitution } from '../platform/institution';
import { readCardFreeRules, writeCardFreeRules } from './rules';
import { checkQuantities, checkTendered, inputLimitsInput, readInputLimits, writeInputLimits } from './input-limits';
import { searchPrices } from './prices';
import { demoCards, insertDemoCard } from './demo';
import { chinaDate, chinaStamp } from '../core/time';
import { demoVisits } from '../his/demo/visits';

const day = /^\d{4}-\d{2}-\d{2}$/;
const quantity = () => str({ min: 1, max: 12, pattern: /^\d+(\.\d{1,3})?$/ });

/** What the window area gives the composition root. */
export interface WindowArea {
  window: WindowService;
  /** The start's recovery report, once done (undefined when it failed; logged). */
  recovery: Promise<RecoveryReport | undefined>;
  /** Issues a document's receipt now (a cancellation made outside the window's own cancel). */
  receiptOf(documentId: string): Promise<void>;
}

export function installWindow(ctx: AppContext, d: Dispatcher, services: WindowServices): WindowArea {
  const port = new SettlementAdapter(ctx, services);
  const ahead = new UploadAhead({ his: services.his.service, settlement: services.settlement, now: ctx.now, log: ctx.log, terms: services.catalogTerms });
  ahead.listen();
  const win = new WindowService({ ctx, services, port: () => port, ahead });
  const book = new DayBook(ctx.db, (id) => port.networkState(id));
  const recovery = startRecovery(ctx, services, port);
  const area: WindowCalls = { ctx, d, services, win, port, book };
  registerVisitCalls(area);
  registerDocumentCalls(area);
  registerSetupCalls(area);
  registerDemoCalls(area);
  return { window: win, recovery, receiptOf: (id) => issueReceiptOf({ ctx, services, issuer: port.receipts }, id) };
}

/** What the window's call groups share. */
interface WindowCalls {
  ctx: AppContext;
  d: Dispatcher;
  services: WindowServices;
  win: WindowService;
  port: SettlementAdapter;
  book: DayBook;
}

const s = (c: { session?: Session }) => c.session!;

/** Identify, the person's visits, the catalog, pre-settle and settle. */
function registerVisitCalls({ ctx, d, services, win }: WindowCalls): void {
  d.register('window.identify', {
    role: 'cashier',
    input: obj({ via: oneOf(['reader', 'cardFree'] as const), idNumber: optional(str({ pattern: /^\d{17}[\dXx]$/ })), name: optional(str({ max: 30 })) }),
    run: (i, c) => {
      if (i.via === 'cardFree' && !i.idNumber) {
        throw new AppFailure({ code: 'VALIDATION', message: '无卡结算需要填写 18 位身份证号和姓名', field: 'idNumber' });
      }
      return win.identify(i, s(c));
    },
  });
  d.register('window.visits', { role: 'cashier', input: obj({ ticket: str({ min: 1, max: 40 }) }), run: (i, c) => win.visits(i.ticket, s(c)) });
  d.register('window.catalog.search', {
    role: 'cashier',
    input: obj({ q: str({ min: 1, max: 40 }) }),
    run: ({ q }) => {
      const items = searchPrices(q);
      const m = services.his.catalog.lookup(items.map((x) => x.code));
      return items.map((x) => ({
        code: x.code, name: x.name, spec: x.spec, unit: x.unit, price: x.price,
        class: m.get(x.code)?.class ?? 'C', selfPayRatio: m.get(x.code)?.selfPayRatio ?? '1', daysPerUnit: x.daysPerUnit,
      }));
    },
  });
  d.register('window.preSettle', {
    role: 'cashier',
    input: obj({
      ticket: str({ min: 1, max: 40 }),
      visitId: optional(str({ min: 1, max: 64 })),
      lines: optional(array(obj({ code: str({ min: 1, max: 64 }), quantity: quantity() }), { max: 300 })),
      visitType: optional(oneOf(['outpatient', 'chronicOutpatient', 'inpatient'] as const)),
      chronicCode: optional(str({ min: 1, max: 20 })),
      prescriptionDays: optional(int({ min: 0, max: 366 })),
      village: optional(bool()),
    }),
    run: (i, c) => {
      checkQuantities(i.lines, readInputLimits(ctx.settings));
      return win.preSettle(i, s(c));
    },
  });
  d.register('window.settle', {
    role: 'cashier',
    input: obj({
      ticket: str({ min: 1, max: 40 }),
      preId: str({ min: 1, max: 80 }),
      accountPay: money(),
      payment: v.variant('kind', [
        obj({ kind: v.literal('mobile', '不是可选的值'), method: oneOf(['wechat', 'alipay', 'unionpay', 'other'] as const), reference: str({ min: 1, max: 64 }) }),
        obj({ kind: v.literal('cash', '不是可选的值'), tendered: money() }),
      ], '不是可选的值'),
    }),
    audit: (i, o) => WindowService.settleSummary(i, o),
    run: (i, c) => {
      if (i.payment.kind === 'cash') checkTendered(i.payment.tendered, readInputLimits(ctx.settings));
      return win.settle(i, s(c));
    },
  });
}

/** The day's documents: print, today's list, cancel, the summary and the day sheet. */
function registerDocumentCalls({ ctx, d, services, port, book }: WindowCalls): void {
  // The day's summary carries the audit chain's head: an anchor on screen and paper, outside the database.
  const withAuditAnchor = (sum: DailySummaryView): DailySummaryView => {
    const a = services.audit.anchor();
    return { ...sum, audit: { count: a.count, head: a.head.slice(0, 16) } };
  };
  const cancelAuthority = { confirmPassword: services.confirmPassword, settlements: new SettlementsRepo(ctx.db) };
  d.register('window.print', {
    role: 'cashier',
    input: obj({ settlementId: str({ min: 1, max: 64 }) }),
    run: async (i, c) => {
      const receipts = services.receipts;
      const doc = book.document(i.settlementId);
      if (!doc) throw new AppFailure({ code: 'NOT_FOUND', message: '没有找到该结算单', field: 'settlementId' });
      const out = await receipts.print(doc.receiptNo, { operator: s(c).operatorId });
      const which = { receiptNo: out.receiptNo, reprintNo: out.reprintNo };
      return out.target === 'browser' && out.pdfUrl ? { printed: out.ok, message: out.message, openUrl: services.links.mint(out.pdfUrl), ...which } : { printed: out.ok, message: out.message, ...which };
    },
  });
  d.register('window.recent', {
    role: 'cashier',
    input: obj({ date: optional(str({ pattern: day })) }),
    run: (i, c) => book.rows(i.date ?? chinaDate(ctx.now()), s(c).operatorId),
  });
  d.register('window.cancel', {
    role: 'cashier',
    input: obj({ settlementId: str({ min: 1, max: 64 }), reason: str({ min: 2, max: 200 }), password: str({ min: 1, max: 128 }) }),
    audit: (i, o) => `撤销结算 ${i.settlementId}，收据 ${o.receiptNo}，退现金 ${o.cashDue} 元；原因：${i.reason}`,
    run: async (i, c) => {
      const session = s(c);
      await authorizeCancel(cancelAuthority, session, i.settlementId, i.password);
      await port.cancel(i.settlementId, i.reason, { operatorId: session.operatorId, operatorName: session.operatorName });
      const row = book.rows(book.document(i.settlementId)!.businessDate, session.operatorId).find((r) => r.settlementId === i.settlementId);
      return row!;
    },
  });
  d.register('window.summary', {
    role: 'cashier',
    input: obj({ date: optional(str({ pattern: day })) }),
    run: (i, c) => withAuditAnchor(book.summary(i.date ?? chinaDate(ctx.now()), { id: s(c).operatorId, name: s(c).operatorName })),
  });
  // The day sheet to print (日结单): the summary and the day's settlements on one A4 page.
  d.register('window.daySheet', {
    role: 'cashier',
    input: obj({ date: optional(str({ pattern: day })) }),
    run: (i, c) => {
      const date = i.date ?? chinaDate(ctx.now());
      const inst = getInstitution(ctx);
      const summary = withAuditAnchor(book.summary(date, { id: s(c).operatorId, name: s(c).operatorName }));
      return { html: renderDaySheetHtml({ institution: { name: inst.name, code: inst.code }, summary, rows: book.rows(date, s(c).operatorId), printedAt: ctx.now() }) };
    },
  });
}

/** The technician's window rules: card-free settlement and input limits. */
function registerSetupCalls({ ctx, d }: WindowCalls): void {
  d.register('window.cardFree.get', { role: 'any', input: none(), run: () => readCardFreeRules(ctx.settings) });
  d.register('window.cardFree.set', {
    role: 'technician',
    input: obj({ poverty: bool(), lowIncome: bool(), destitute: bool() }),
    audit: (i) => `无卡结算：贫困人口${i.poverty ? '允许' : '不允许'}，低保对象${i.lowIncome ? '允许' : '不允许'}，特困人员${i.destitute ? '允许' : '不允许'}`,
    run: (i) => writeCardFreeRules(ctx.settings, i),
  });
  d.register('window.inputLimits.get', { role: 'any', input: none(), run: () => readInputLimits(ctx.settings) });
  d.register('window.inputLimits.set', {
    role: 'technician',
    input: inputLimitsInput,
    audit: (i) => `输入上限：数量 ${i.maxQuantity}，实收金额 ${i.maxTendered} 元`,
    run: (i) => writeInputLimits(ctx.settings, i),
  });
}

/** DEMO / SIMULATOR ONLY: demo cards in the simulated reader and the demo HIS visits. */
function registerDemoCalls({ ctx, d, services }: WindowCalls): void {
  d.register('window.demo.cards', { role: 'cashier', input: none(), run: () => demoCards(services.reader) });
  d.register('window.demo.insertCard', {
    role: 'cashier',
    input: obj({ personKey: str({ min: 1, max: 30 }) }),
    run: (i) => insertDemoCard(services.reader, i.personKey),
  });
  d.register('window.demo.loadVisits', {
    role: 'cashier',
    input: none(),
    run: () => {
      const bridge = services.his;
      if (!services.reader.simulator()) {
        throw new AppFailure({ code: 'NOT_SIMULATED', message: '仅在演示（模拟读卡器）模式下可载入演示就诊', detail: 'demo visits need the simulated reader and the HIS bridge' });
      }
      const now = ctx.now();
      const tag = chinaStamp(now).slice(8);
      const r = bridge.service.receiveAll(demoVisits(now, tag), 'api');
      if (!r.ok) throw new AppFailure(r.error);
      return { visits: r.value.length };
    },
  });
}

/**
 * What a crash left without its receipt (or a HIS visit still open) is made good now, in the
 * background (`window.recovery`: the report, once done); the app waits for it when it closes.
 */
function startRecovery(ctx: AppContext, services: WindowServices, port: SettlementAdapter): Promise<RecoveryReport | undefined> {
  const deps = { ctx, services, issuer: port.receipts };
  const plan = planRecovery(deps);
  const done = new Promise<RecoveryReport | undefined>((resolve) => {
    setImmediate(() => {
      runRecovery(deps, plan).then(resolve, (err: unknown) => {
        ctx.log.error(`recovery at start failed: ${err instanceof Error ? err.stack : String(err)}`);
        resolve(undefined);
      });
    });
  });
  ctx.onClose(async () => void (await done));
  return done;
}
