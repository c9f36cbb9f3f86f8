// The catalog area's calls (catalog.*): sync and its progress, the summary, search, terms,
// dictionaries, the change review, and the matching of the HIS's items with its upload.
import type { AppContext } from '../platform/context';
import type { Dispatcher, Session } from '../api/dispatch';
import { array, bool, int, none, obj, oneOf, optional, str } from '../api/validate';
import { AppFailure } from '../core/result';
import { chinaDateTime } from '../core/time';
import { NetworkError } from '../network/client/errors';
import type { CatalogChangeView, CatalogHisItemView, CatalogItemRowView, CatalogSummaryView } from '../api/views/catalog';
import type { StoredItem } from './items-repo';
import type { HisItem } from './his-items-repo';
import { parseHisItemsCsv, HIS_CODE, type HisItemInput } from './his-items';
import { FILE_CATALOGS } from './rows';
import { DICTIONARY_NAMES } from './dict-types';
import { syncErrorText } from './sync-job';
import type { CatalogDeps, CatalogServices } from './install';

export function rowView(i: StoredItem): CatalogItemRowView {
  return {
    code: i.code, catalog: i.catalog, listType: i.listType, name: i.name, genericName: i.genericName, tradeName: i.tradeName, spec: i.spec,
    dosageForm: i.dosageForm, manufacturer: i.manufacturer, approvalNo: i.approvalNo, unit: i.unit, valid: i.valid,
  };
}

function hisView(s: CatalogServices, h: HisItem, row?: StoredItem): CatalogHisItemView {
  const match = row ?? (h.code ? s.repos.items.get(h.code) : undefined);
  return {
    hisCode: h.hisCode, name: h.name, spec: h.spec, dosageForm: h.dosageForm, manufacturer: h.manufacturer, approvalNo: h.approvalNo,
    nationalCode: h.nationalCode, unit: h.unit, state: h.state, code: h.code, score: h.score, method: h.method, match: match ? rowView(match) : null,
    upload: h.upload, uploadError: h.uploadError,
  };
}

/** A network failure of a matching call, in the user's words (nothing else changed). */
async function networked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof NetworkError) throw new AppFailure({ code: `NETWORK_${err.kind.toUpperCase()}`, message: syncErrorText(err), detail: err.detail ?? err.message });
    throw err;
  }
}

const who = (session: Session | undefined) => session?.operatorId ?? 'unknown';

function summary(s: CatalogServices): CatalogSummaryView {
  const versions = s.repos.items.versions();
  const counts = new Map(s.repos.items.counts().map((c) => [c.catalog, c]));
  const last = s.repos.changes.runs(1)[0];
  return {
    catalogs: Object.entries(FILE_CATALOGS).map(([catalog, name]) => ({
      catalog, name, rows: counts.get(catalog)?.rows ?? 0, valid: counts.get(catalog)?.valid ?? 0, ver: versions.get(catalog)?.ver ?? null, syncedAt: versions.get(catalog)?.updatedAt ?? null,
    })),
    terms: s.repos.terms.count(),
    dictionaries: s.repos.dict.types().map((t) => ({ type: t.type, name: DICTIONARY_NAMES[t.type] ?? t.type, rows: t.rows })),
    lastSync: last ? { id: last.id, state: last.state, startedAt: last.startedAt, finishedAt: last.finishedAt, counts: last.counts, error: last.error } : null,
    pendingReview: s.repos.changes.pendingMatched(),
  };
}

function changeViews(ctx: AppContext, s: CatalogServices, f: { matchedOnly?: boolean; pendingOnly?: boolean; limit?: number; offset?: number }) {
  const page = s.repos.changes.list(f);
  const items = s.repos.items.many(page.items.map((c) => c.code));
  const his = ctx.db.prepare("SELECT his_code, name FROM catalog_his_items WHERE code = ? AND state = 'confirmed' ORDER BY his_code LIMIT 20");
  const views: CatalogChangeView[] = page.items.map((c) => ({
    ...c, name: items.get(c.code)?.name ?? '',
    hisItems: (his.all(c.code) as { his_code: string; name: string }[]).map((r) => ({ hisCode: r.his_code, name: r.name })),
  }));
  return { total: page.total, items: views };
}

async function importItems(s: CatalogServices, ctx: AppContext, items: HisItemInput[], source: 'csv' | 'bridge') {
  const now = chinaDateTime(ctx.now());
  const toMatch = ctx.db.transaction(() => s.repos.hisItems.importAll(items, source, now))();
  const m = await s.matching.autoMatch(toMatch);
  return { imported: items.length, ...m };
}

function registerSyncCalls(ctx: AppContext, d: Dispatcher, s: CatalogServices): void {
  d.register('catalog.sync.start', { role: 'technician', input: none(), run: () => s.sync.start(), audit: () => '开始下载医保目录与字典' });
  d.register('catalog.sync.status', { role: 'technician', input: none(), run: () => s.sync.status() });
  d.register('catalog.summary', { role: 'technician', input: none(), run: () => summary(s) });
  d.register('catalog.search', {
    role: 'cashier',
    input: obj({ q: str({ min: 1, max: 60 }), limit: optional(int({ min: 1, max: 200 })), includeExpired: optional(bool()) }),
    run: (i) => s.search.search(i.q, { limit: i.limit, includeExpired: i.includeExpired }).map(rowView),
  });
  d.register('catalog.terms', {
    role: 'cashier',
    input: obj({ code: str({ min: 1, max: 50 }), date: str({ pattern: /^\d{4}-\d{2}-\d{2}$/ }) }),
    run: (i) => {
      const t = s.terms(i.code, i.date);
      return t ? { ...t, selfPayRatio: t.selfPayRatio ?? null, cap: t.cap ?? null } : null;
    },
  });
  d.register('catalog.dict.list', {
    role: 'technician',
    input: obj({ type: str({ min: 1, max: 30, pattern: /^[A-Za-z_]+$/ }) }),
    run: (i) => s.dict(i.type).map((r) => ({ value: r.value, label: r.label, parent: r.parent })),
  });
  d.register('catalog.changes.list', {
    role: 'technician',
    input: obj({ matchedOnly: optional(bool()), pendingOnly: optional(bool()), limit: optional(int({ min: 1, max: 500 })), offset: optional(int({ min: 0 })) }),
    run: (i) => changeViews(ctx, s, i),
  });
  d.register('catalog.changes.review', {
    role: 'technician',
    input: obj({ ids: array(int({ min: 1 }), { max: 5000 }) }),
    run: (i, c) => ({ reviewed: s.repos.changes.review(i.ids, who(c.session), chinaDateTime(ctx.now())) }),
    audit: (i, o) => `已核对目录变更 ${o.reviewed} 条（共选 ${i.ids.length} 条）`,
  });
}

const hisCode = str({ min: 1, max: 64, pattern: HIS_CODE });

function registerImportCalls(ctx: AppContext, d: Dispatcher, s: CatalogServices, deps: CatalogDeps): void {
  d.register('catalog.his.import', {
    role: 'technician',
    input: obj({ contentBase64: str({ min: 1, max: 40_000_000 }) }),
    run: async (i) => {
      const parsed = parseHisItemsCsv(Buffer.from(i.contentBase64, 'base64'));
      if (!parsed.ok) throw new AppFailure(parsed.error);
      return importItems(s, ctx, parsed.value, 'csv');
    },
    audit: (_i, o) => `导入 HIS 项目 ${o.imported} 项（按编码对上 ${o.byCode}，按名称 ${o.byName}，未对上 ${o.none}）`,
  });
  d.register('catalog.his.importBridge', {
    role: 'technician',
    input: none(),
    run: async () => {
      const items = deps.his.catalog.unmapped().filter((u) => HIS_CODE.test(u.itemCode)).map((u): HisItemInput => ({
        hisCode: u.itemCode, name: u.itemName, spec: '', dosageForm: '', manufacturer: '', approvalNo: '', nationalCode: '', unit: '', priceFen: null,
      }));
      return importItems(s, ctx, items, 'bridge');
    },
    audit: (_i, o) => `从 HIS 接口导入项目 ${o.imported} 项`,
  });
}

function registerMatchingCalls(d: Dispatcher, s: CatalogServices): void {
  const item = (code: string) => {
    const h = s.repos.hisItems.get(code);
    if (!h) throw new AppFailure({ code: 'NOT_FOUND', message: `没有 HIS 项目 ${code}`, detail: `his item ${code} not found`, field: 'hisCode' });
    return h;
  };
  d.register('catalog.match.list', {
    role: 'technician',
    input: obj({
      filter: oneOf(['todo', 'proposed', 'confirmed', 'selfPay', 'open', 'all'] as const), q: optional(str({ max: 60 })),
      limit: optional(int({ min: 1, max: 500 })), offset: optional(int({ min: 0 })),
    }),
    run: (i) => {
      const page = s.repos.hisItems.list(i.filter, (i.q ?? '').trim(), i.limit ?? 100, i.offset ?? 0);
      const rows = s.repos.items.many(page.items.map((h) => h.code).filter(Boolean));
      return { total: page.total, counts: s.repos.hisItems.counts(), items: page.items.map((h) => hisView(s, h, rows.get(h.code))) };
    },
  });
  d.register('catalog.match.candidates', {
    role: 'technician',
    input: obj({ hisCode, q: optional(str({ max: 60 })) }),
    run: (i) => s.matching.candidates(item(i.hisCode), i.q?.trim() || undefined).map((c) => ({ item: rowView(c.item), score: c.score })),
  });
  d.register('catalog.match.confirm', {
    role: 'technician',
    input: obj({ hisCode, code: optional(str({ min: 1, max: 50 })) }),
    run: (i, c) => hisView(s, s.matching.confirm(i.hisCode, who(c.session), i.code)),
    audit: (i, o) => `确认对照：HIS 项目 ${i.hisCode} → 医保编码 ${o.code}`,
  });
  d.register('catalog.match.confirmAll', {
    role: 'technician',
    input: obj({ minScore: int({ min: 60, max: 100 }) }),
    run: (i, c) => s.matching.confirmAll(i.minScore, who(c.session)),
    audit: (i, o) => `批量确认对照（匹配度不低于 ${i.minScore}）：${o.confirmed} 项`,
  });
  d.register('catalog.match.selfPay', {
    role: 'technician',
    input: obj({ hisCode }),
    run: (i, c) => hisView(s, s.matching.selfPay(i.hisCode, who(c.session))),
    audit: (i) => `HIS 项目 ${i.hisCode} 标为自费`,
  });
  d.register('catalog.match.upload', {
    role: 'technician', input: none(), run: () => networked(() => s.upload.upload()),
    audit: (_i, o) => `上传对照（3301）：${o.uploaded} 项，被拒 ${o.rejected.length} 项`,
  });
  d.register('catalog.match.undo', {
    role: 'technician', input: obj({ hisCode }), run: async (i) => hisView(s, await networked(() => s.upload.undo(i.hisCode))),
    audit: (i) => `撤销对照（3302）：HIS 项目 ${i.hisCode}`,
  });
  d.register('catalog.match.refresh', { role: 'technician', input: none(), run: () => networked(() => s.upload.refresh()) });
}

export function registerCatalogCalls(ctx: AppContext, d: Dispatcher, s: CatalogServices, deps: CatalogDeps): void {
  registerSyncCalls(ctx, d, s);
  registerImportCalls(ctx, d, s, deps);
  registerMatchingCalls(d, s);
}
