// The schemas a stored HIS visit is read back through (his_visits.body and .result, packed or JSON
// text). Not the input schema (visit-schema.ts): what was stored passed it once, perhaps under
// older, looser rules, and must still read; this checks the structure the window relies on. The
// types stay the input schema's output: the assignments below make the compiler prove these fit.
// Objects are loose: a field a newer build added is kept, not dropped.
import * as v from 'valibot';
import { storedJson, type StoredColumn } from '../store/stored-json';
import { VISIT_TYPES, type HisCancellation, type HisSettlementResult, type HisVisitInput, type VisitType } from './types';

const text = v.string();
const opt = <S extends v.GenericSchema>(s: S) => v.optional(s);
const obj = <E extends v.ObjectEntries>(entries: E) => v.looseObject(entries);

const line = obj({
  lineNo: opt(text),
  itemCode: text,
  itemName: text,
  quantity: text,
  unitPrice: text,
  amount: text,
  time: text,
  category: opt(text),
  unit: opt(text),
  specification: opt(text),
});

const body = obj({
  hisVisitId: text,
  visitType: v.picklist(VISIT_TYPES as readonly [VisitType, ...VisitType[]]),
  patient: obj({ idNumber: opt(text), name: opt(text), cardNumber: opt(text), insuranceRegion: opt(text) }),
  department: obj({ code: opt(text), name: text }),
  doctor: obj({ code: opt(text), name: text }),
  diagnoses: v.array(obj({ code: text, name: opt(text) })),
  visitTime: opt(text),
  admissionDate: opt(text),
  dischargeDate: opt(text),
  lines: v.array(line),
  extra: opt(v.record(v.string(), v.unknown())),
});

export const StoredVisitBodySchema: v.GenericSchema<unknown, HisVisitInput> = body;

const layer = obj({ key: text, name: text, amount: text });
const settlement: v.GenericSchema<unknown, HisSettlementResult> = obj({
  settlementId: text, receiptNo: text, layers: v.array(layer), cash: text, settledAt: text,
});
const cancellation: v.GenericSchema<unknown, HisCancellation> = obj({ cancelledAt: text, reason: opt(text), cancellationId: opt(text) });

/** What the window handed back for a visit: its settlement, its cancellation. */
export const StoredVisitResultSchema = v.object({ settlement: opt(settlement), cancellation: opt(cancellation) });
export type StoredVisitResult = v.InferOutput<typeof StoredVisitResultSchema>;

const column = (field: string, fieldZh: string): StoredColumn => ({ table: 'his_visits', tableZh: 'HIS 就诊', field, fieldZh });

export const VISIT_JSON = {
  body: storedJson(column('body', '就诊内容'), StoredVisitBodySchema),
  result: storedJson(column('result', '结算结果'), StoredVisitResultSchema),
};
