// THE API CONTRACT between the UI and the services: every call, its input and its output.
// Served by Electron IPC (preload + main) and by the HTTP host (browser mode); the renderer only
// ever sees an object of type `Api`. Pure types: this file is compiled into the renderer too.
// Money on the wire is a decimal string with two decimals ("1234.50"); dates "YYYY-MM-DD".
// The view types live in ./views/, one file per area; this file names every call.

export * from './views/common';
export * from './views/foundation';
export * from './views/window';
export * from './views/settlement';
export * from './views/network';
export * from './views/his';
export * from './views/receipts';
export * from './views/devices';
export * from './views/center';
export * from './views/trace';
export * from './views/catalog';

import type { ApiResult, Role } from './views/common';
import type {
  CatalogCandidateView, CatalogChangeView, CatalogDictRowView, CatalogHisItemView, CatalogImportView, CatalogItemRowView, CatalogMatchListView,
  CatalogSummaryView, CatalogSyncStatusView, CatalogTermsView, CatalogUploadView,
} from './views/catalog';
import type { ReaderPortsView, ReaderSetupView, ReaderStatusView, ReaderTestView } from './views/devices';
import type { CenterLimitsView, CenterReconcileView, CenterStatusView, CenterWindowView } from './views/center';
import type { TraceReportView, TraceScanView, TraceSessionView, TraceSetupView, TraceUploadView } from './views/trace';
import type { AppInfo, AutoBackupSetupView, BackupInfo, HealthView, InstitutionSetup, StoreCareView } from './views/foundation';
import type { HisApiInfo, HisCallbackSetup, HisCallbackStatus, HisCatalogEntry, HisDropPreview, HisDropSetup, HisDropStatus, HisMappedLines, HisUnmappedItem, HisVisitDetail, HisVisitListItem } from './views/his';
import type { NetworkMessageView, NetworkSetupView, NetworkStatusView, SupportBundleView } from './views/network';
import type { ReceiptDetailView, ReceiptListItemView, ReceiptPrintView, ReceiptPrintersView, ReceiptSearchInput, ReceiptSetupView } from './views/receipts';
import type { CsvExportView, DeadLetterView, DifferenceView, OfflineLimitsView, QueueItemView, QueueStatusView, ReconcileRunView, SettlementView, WarningView } from './views/settlement';
import type { AuditEntryView, AuditVerifyView, AuthState, CancelInput, CardFreeRules, InputLimits, CatalogItemView, DailySummaryView, DemoCardView, LoginResult, OperatorSettings, OperatorView, PersonView, PolicyPackView, PreSettleInput, PreSettleView, SettleInputView, SettledView, WindowSettlementRow, WindowVisitView } from './views/window';

type Call<I, O> = { input: I; output: O };

export interface ApiContract {
  'app.info': Call<void, AppInfo>;
  'setup.institution.get': Call<void, InstitutionSetup>;
  'setup.institution.set': Call<InstitutionSetup, InstitutionSetup>;
  'setup.backup': Call<void, BackupInfo>;
  'setup.backups': Call<void, BackupInfo[]>;
  'setup.restore': Call<{ file: string }, { restoredSchemaVersion: number }>;
  /** Daily database check and automatic backups: the folder and the days kept. */
  'setup.autoBackup.get': Call<void, StoreCareView>;
  'setup.autoBackup.set': Call<AutoBackupSetupView, StoreCareView>;
  /** Runs the database check (and the day's backup) now. */
  'setup.dbCheck': Call<void, StoreCareView>;
  'app.health': Call<void, HealthView>;
  // ---------------------------------------------------------------- operators and audit
  'auth.state': Call<void, AuthState>;
  'auth.setupAdmin': Call<{ operatorId: string; name: string; password: string }, LoginResult>;
  'auth.login': Call<{ operatorId: string; password: string }, LoginResult>;
  'auth.logout': Call<void, { loggedOut: true }>;
  'auth.changePassword': Call<{ oldPassword: string; newPassword: string }, { changed: true }>;
  'operators.list': Call<void, OperatorView[]>;
  'operators.create': Call<{ id: string; name: string; role: Role; password: string }, OperatorView>;
  'operators.update': Call<{ id: string; name?: string; role?: Role; active?: boolean; password?: string }, OperatorView>;
  'operators.settings.get': Call<void, OperatorSettings>;
  'operators.settings.set': Call<OperatorSettings, OperatorSettings>;
  'audit.list': Call<{ limit?: number; beforeSeq?: number }, AuditEntryView[]>;
  'audit.verify': Call<void, AuditVerifyView>;
  /** `reader`: one read of the configured reader (card, QR or ID card); `cardFree`: typed ID number plus name check. */
  'window.identify': Call<{ via: 'reader' | 'cardFree'; idNumber?: string; name?: string }, PersonView>;
  'window.visits': Call<{ ticket: string }, WindowVisitView[]>;
  'window.catalog.search': Call<{ q: string }, CatalogItemView[]>;
  'window.preSettle': Call<PreSettleInput, PreSettleView>;
  'window.settle': Call<SettleInputView, SettledView>;
  /** `openUrl`: browser mode prints through the browser: open this PDF (with the session) and print it there. */
  'window.print': Call<{ settlementId: string }, { printed: boolean; message: string; openUrl?: string; receiptNo?: string; reprintNo?: number }>;
  'window.recent': Call<{ date?: string }, WindowSettlementRow[]>;
  'window.cancel': Call<CancelInput, WindowSettlementRow>;
  'window.summary': Call<{ date?: string }, DailySummaryView>;
  /** The day sheet (日结单) as one printable A4 page. */
  'window.daySheet': Call<{ date?: string }, { html: string }>;
  'window.cardFree.get': Call<void, CardFreeRules>;
  'window.cardFree.set': Call<CardFreeRules, CardFreeRules>;
  'window.inputLimits.get': Call<void, InputLimits>;
  'window.inputLimits.set': Call<InputLimits, InputLimits>;
  /** DEMO / SIMULATOR ONLY: which demo card sits in the simulated reader. */
  'window.demo.cards': Call<void, DemoCardView[]>;
  'window.demo.insertCard': Call<{ personKey: string }, DemoCardView[]>;
  /** DEMO / SIMULATOR ONLY: the demo HIS sends its visits for the demo persons (as `cli his-demo` does). */
  'window.demo.loadVisits': Call<void, { visits: number }>;
  'policy.list': Call<void, PolicyPackView[]>;
  'policy.import': Call<{ file: string }, PolicyPackView>;
  'policy.inForce': Call<{ region?: string; date?: string }, PolicyPackView | null>;
  // ---------------------------------------------------------------- policies and engine
  // ---------------------------------------------------------------- devices
  'devices.setup.get': Call<void, ReaderSetupView>;
  'devices.setup.set': Call<ReaderSetupView, ReaderStatusView>;
  'devices.status': Call<void, ReaderStatusView>;
  'devices.testRead': Call<void, ReaderTestView>;
  'devices.ports': Call<void, ReaderPortsView>;
  // ---------------------------------------------------------------- settlement, network, queue
  'network.setup.get': Call<void, NetworkSetupView>;
  'network.setup.set': Call<NetworkSetupView, NetworkSetupView>;
  'network.status': Call<void, NetworkStatusView>;
  'network.sim.offline': Call<{ offline: boolean }, NetworkStatusView>;
  'network.signIn': Call<void, NetworkStatusView>;
  'network.messages': Call<{ limit?: number }, NetworkMessageView[]>;
  'network.supportBundle': Call<void, SupportBundleView>;
  'settlement.offlineLimits.get': Call<void, OfflineLimitsView>;
  'settlement.offlineLimits.set': Call<OfflineLimitsView, OfflineLimitsView>;
  'queue.status': Call<void, QueueStatusView>;
  'queue.list': Call<{ limit?: number }, QueueItemView[]>;
  'queue.deadLetters': Call<void, DeadLetterView[]>;
  'queue.retry': Call<{ deadLetterId: number }, QueueStatusView>;
  /** Cancels the settlement of a dead letter: the operator's own settlement, with the operator's password. */
  'queue.cancelDead': Call<{ deadLetterId: number; reason: string; password: string }, SettlementView>;
  'queue.abandonUndo': Call<{ deadLetterId: number; reason: string }, QueueStatusView>;
  'queue.drainNow': Call<void, QueueStatusView>;
  'reconcile.run': Call<{ from: string; to: string }, ReconcileRunView>;
  'reconcile.list': Call<{ limit?: number }, ReconcileRunView[]>;
  'reconcile.differences': Call<{ from?: string; to?: string }, DifferenceView[]>;
  'reconcile.export': Call<{ runId: number }, CsvExportView>;
  'warnings.list': Call<{ from?: string; to?: string }, WarningView[]>;
  'warnings.export': Call<{ from?: string; to?: string }, CsvExportView>;
  // ---------------------------------------------------------------- HIS bridge
  'his.visits.list': Call<void, HisVisitListItem[]>;
  'his.visits.get': Call<{ hisVisitId: string }, HisVisitDetail>;
  'his.visits.lines': Call<{ hisVisitId: string }, HisMappedLines>;
  'his.token.get': Call<void, HisApiInfo>;
  'his.token.rotate': Call<void, HisApiInfo>;
  'his.callback.get': Call<void, HisCallbackStatus>;
  'his.callback.set': Call<HisCallbackSetup, HisCallbackStatus>;
  'his.drop.get': Call<void, HisDropStatus>;
  'his.drop.set': Call<HisDropSetup, HisDropStatus>;
  'his.drop.preview': Call<{ file?: string; contentBase64?: string; fileName?: string; setup?: HisDropSetup }, HisDropPreview>;
  'his.drop.scan': Call<void, { file: string; outcome: 'done' | 'failed' | 'duplicate'; visits: number; reason?: string }[]>;
  'his.catalog.list': Call<{ search?: string; offset?: number; limit?: number }, { total: number; items: HisCatalogEntry[] }>;
  'his.catalog.import': Call<{ contentBase64: string; replace?: boolean }, { imported: number; total: number }>;
  'his.catalog.set': Call<{ hisCode: string; hisName: string; catalogCode: string; catalogName?: string; class: 'A' | 'B' | 'C'; selfPayRatio?: string; category: string }, HisCatalogEntry>;
  'his.catalog.markSelfPay': Call<{ hisCode: string; hisName: string; category?: string }, HisCatalogEntry>;
  'his.catalog.remove': Call<{ hisCode: string }, { removed: boolean }>;
  'his.unmapped.list': Call<void, HisUnmappedItem[]>;
  // ---------------------------------------------------------------- drug traceability codes (追溯码)
  'trace.open': Call<{ visitId: string }, TraceSessionView>;
  'trace.scan': Call<{ visitId: string; lineNo: string; code: string }, TraceScanView>;
  'trace.remove': Call<{ visitId: string; code: string }, TraceSessionView>;
  'trace.reason': Call<{ visitId: string; lineNo: string; reason?: 'oldStock' | 'noCode' | 'unreadable' }, TraceSessionView>;
  'trace.report': Call<{ date?: string }, TraceReportView>;
  'trace.reportCsv': Call<{ date?: string }, { fileName: string; csv: string }>;
  'trace.uploads': Call<{ states?: TraceUploadView['state'][] }, TraceUploadView[]>;
  'trace.retry': Call<{ id: number }, TraceUploadView>;
  'trace.setup.get': Call<void, TraceSetupView>;
  'trace.setup.set': Call<TraceSetupView, TraceSetupView>;
  // ---------------------------------------------------------------- national catalogs, dictionaries, matching
  'catalog.sync.start': Call<void, CatalogSyncStatusView>;
  'catalog.sync.status': Call<void, CatalogSyncStatusView>;
  'catalog.summary': Call<void, CatalogSummaryView>;
  'catalog.search': Call<{ q: string; limit?: number; includeExpired?: boolean }, CatalogItemRowView[]>;
  'catalog.terms': Call<{ code: string; date: string }, CatalogTermsView | null>;
  'catalog.dict.list': Call<{ type: string }, CatalogDictRowView[]>;
  'catalog.changes.list': Call<{ matchedOnly?: boolean; pendingOnly?: boolean; limit?: number; offset?: number }, { total: number; items: CatalogChangeView[] }>;
  'catalog.changes.review': Call<{ ids: number[] }, { reviewed: number }>;
  'catalog.his.import': Call<{ contentBase64: string }, CatalogImportView>;
  'catalog.his.importBridge': Call<void, CatalogImportView>;
  'catalog.match.list': Call<{ filter: 'todo' | 'proposed' | 'confirmed' | 'selfPay' | 'open' | 'all'; q?: string; limit?: number; offset?: number }, CatalogMatchListView>;
  'catalog.match.candidates': Call<{ hisCode: string; q?: string }, CatalogCandidateView[]>;
  'catalog.match.confirm': Call<{ hisCode: string; code?: string }, CatalogHisItemView>;
  'catalog.match.confirmAll': Call<{ minScore: number }, { confirmed: number; skipped: number }>;
  'catalog.match.selfPay': Call<{ hisCode: string }, CatalogHisItemView>;
  'catalog.match.upload': Call<void, CatalogUploadView>;
  'catalog.match.undo': Call<{ hisCode: string }, CatalogHisItemView>;
  'catalog.match.refresh': Call<void, { accepted: number; missing: number }>;
  // ---------------------------------------------------------------- the center (several windows, one PostgreSQL)
  'center.status': Call<void, CenterStatusView>;
  'center.windows': Call<void, CenterWindowView[]>;
  'center.reconcile': Call<{ day?: string }, CenterReconcileView>;
  /** Offline limits set once at the center for every window. */
  'center.limits.set': Call<CenterLimitsView, CenterLimitsView>;
  /** Card-free settlement rules set once at the center for every window. */
  'center.cardFree.set': Call<CardFreeRules, CardFreeRules>;
  // ---------------------------------------------------------------- receipts and printing
  'receipt.search': Call<ReceiptSearchInput, ReceiptListItemView[]>;
  'receipt.get': Call<{ receiptNo: string }, ReceiptDetailView>;
  'receipt.print': Call<{ receiptNo: string; preview?: boolean }, ReceiptPrintView>;
  'receipt.reprint': Call<{ receiptNo: string; preview?: boolean }, ReceiptPrintView>;
  /** A one-time, short-lived link to an archived receipt PDF (browser mode; no session in the URL). */
  'receipt.link': Call<{ url: string }, { url: string }>;
  /** The receipt sheet (HTML, fitted to one page) for the browser to print from a frame. */
  'receipt.sheet': Call<{ receiptNo: string; reprintNo?: number }, { html: string; paper: 'A5' | 'A4' }>;
  'receipt.printers': Call<void, ReceiptPrintersView>;
  'receipt.setup.get': Call<void, ReceiptSetupView>;
  'receipt.setup.set': Call<ReceiptSetupView, ReceiptSetupView>;
}

export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = ApiContract[M]['input'];
export type ApiOutput<M extends ApiMethod> = ApiContract[M]['output'];

/** What the renderer holds: one typed call function, whatever the transport. */
export interface Api {
  call<M extends ApiMethod>(method: M, ...input: ApiInput<M> extends void ? [] : [ApiInput<M>]): Promise<ApiResult<ApiOutput<M>>>;
}

/** The IPC channel of the contract (Electron mode). */
export const API_IPC_CHANNEL = 'settle-api:call';
/** Electron: the native open dialog for policy import and restore (answers a path or null). */
export const PICK_FILE_CHANNEL = 'settle-api:pick-file';
/** The HTTP prefix of the contract (browser mode): POST /api/<method>. */
export const API_HTTP_PREFIX = '/api/';
/** Header carrying the operator session token in browser mode. */
export const SESSION_HEADER = 'x-settle-session';
