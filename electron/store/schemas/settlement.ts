// The JSON parts of a settlement document as stored (settlements.body, packed; before 075 each in
// its own column): the schemas they are read back through, and the types derived from them.
import * as v from 'valibot';
import { fen, storedJson, type StoredColumn } from '../stored-json';

export const StoredLayerSchema = v.object({
  key: v.string(),
  name: v.string(),
  ytdKey: v.string(),
  baseFen: fen(),
  amountFen: fen(),
  trace: v.string(),
});
export type StoredLayer = v.InferOutput<typeof StoredLayerSchema>;

/** One fee line as settled (with its original time, replayed to the network later). */
export const StoredLineSchema = v.object({
  lineNo: v.string(),
  code: v.string(),
  name: v.string(),
  hospCode: v.string(),
  quantity: v.string(),
  unitPrice: v.string(),
  amountFen: fen(),
  class: v.picklist(['A', 'B', 'C']),
  selfPayRatio: v.optional(v.string()),
  /** med_chrgitm_type, e.g. "09". */
  category: v.optional(v.string()),
  time: v.string(),
});
export type StoredLine = v.InferOutput<typeof StoredLineSchema>;

/** Totals by charge category and by class A/B/C. */
export const CategoryTotalsSchema = v.object({
  byCategory: v.record(v.string(), fen()),
  byClass: v.record(v.string(), fen()),
});
export type CategoryTotals = v.InferOutput<typeof CategoryTotalsSchema>;

const YtdFigures = v.record(v.string(), v.object({ baseFen: fen(), paidFen: fen(), burdenFen: fen() }));

/** What the settlement added to the person's year-to-date book (subtracted again on cancel). */
export const YtdDeltaSchema = v.object({
  year: v.pipe(v.number(), v.safeInteger()),
  keys: YtdFigures,
  /** The accumulators after the settlement (for the receipt's year-to-date lines). */
  after: v.optional(YtdFigures),
  burden: v.object({ inpatientFen: fen(), chronicFen: fen() }),
});
export type YtdDelta = v.InferOutput<typeof YtdDeltaSchema>;

const strings = v.array(v.string());

/** The JSON parts of a document, stored packed in `body` (075); their own columns are left ''. */
export const SettlementBodySchema = v.object({
  identities: strings,
  enrolled: strings,
  categories: CategoryTotalsSchema,
  lines: v.array(StoredLineSchema),
  trace: strings,
  ytdDelta: YtdDeltaSchema,
  layers: v.array(StoredLayerSchema),
  /** A chronic visit's registered disease (documents since the network-first flow; absent before). */
  chronicCode: v.optional(v.string()),
  /** An employee's account balance after the settlement (documents since; absent before and for residents). */
  accountBalanceAfterFen: v.optional(v.pipe(v.number(), v.safeInteger())),
});
export type SettlementBody = v.InferOutput<typeof SettlementBodySchema>;

const column = (field: string, fieldZh: string): StoredColumn => ({ table: 'settlements', tableZh: '结算单', field, fieldZh });

/** The columns, as read: the packed body, and the separate columns of documents written before 075. */
export const SETTLEMENT_JSON = {
  body: storedJson(column('body', '结算内容'), SettlementBodySchema),
  identities: storedJson(column('identities', '人员身份'), strings),
  enrolled: storedJson(column('enrolled', '参保险种'), strings),
  categories: storedJson(column('categories', '费用分类合计'), CategoryTotalsSchema),
  lines: storedJson(column('lines', '费用明细'), v.array(StoredLineSchema)),
  trace: storedJson(column('trace', '计算过程'), strings),
  ytdDelta: storedJson(column('ytd_delta', '年度累计变化'), YtdDeltaSchema),
  layers: storedJson(column('layers', '分层支付'), v.array(StoredLayerSchema)),
};
