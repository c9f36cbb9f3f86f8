// The schema a stored receipt's data (receipts.data, packed) is read back through. The type is the
// core's ReceiptData (core holds no schema library); the assignment at the end makes the compiler
// prove the schema's output is one. Objects are loose: a field a newer build added is kept, not dropped.
import * as v from 'valibot';
import type { ReceiptData } from '../core/receipt';
import { storedJson } from '../store/stored-json';

const text = v.string();
const opt = <S extends v.GenericSchema>(s: S) => v.optional(s);
const obj = <E extends v.ObjectEntries>(entries: E) => v.looseObject(entries);

const schema = obj({
  model: v.literal(1),
  kind: v.picklist(['settlement', 'reversal']),
  title: text,
  institution: obj({ name: text, code: text }),
  receiptNo: text,
  settlementId: text,
  settledAt: text,
  operator: text,
  patient: obj({ name: text, idMasked: text, insuranceType: text, identities: v.array(text), enrolled: v.array(text) }),
  visit: obj({ type: text, facilityLevel: text, date: text }),
  fees: obj({ total: text, inScope: text, preSelfPay: text, fullSelfPay: text }),
  categories: v.array(obj({ code: text, name: text, total: text, classA: text, classB: text, classC: text })),
  details: opt(v.array(obj({
    code: text, name: text, category: text, class: v.picklist(['A', 'B', 'C']), quantity: opt(text), unitPrice: opt(text), amount: text,
  }))),
  classTotals: opt(obj({ classA: text, classB: text, classC: text })),
  deductible: opt(text),
  layers: v.array(obj({ key: text, name: text, amount: text, ytdPaid: opt(text) })),
  fundTotal: text,
  accountPaid: text,
  accountBalance: opt(text),
  cashPaid: text,
  payment: opt(obj({ method: text, name: text, reference: opt(text) })),
  capital: obj({ total: text, fundTotal: text, cashPaid: text }),
  adjustment: opt(obj({ amount: text, collected: text, capitalCollected: text })),
  ytd: v.array(obj({ label: text, amount: text })),
  policy: obj({ id: text, name: opt(text), hash: text }),
  offline: v.boolean(),
  warnings: v.array(text),
  traceCodes: opt(obj({ codes: v.number(), drugLines: v.number(), withoutCodes: v.number() })),
  reverses: opt(obj({ settlementId: text, receiptNo: text, settledAt: text })),
  qr: obj({ text, check: text }),
});

export const ReceiptDataSchema: v.GenericSchema<unknown, ReceiptData> = schema;

export const RECEIPT_DATA = storedJson({ table: 'receipts', tableZh: '收据', field: 'data', fieldZh: '收据内容' }, ReceiptDataSchema);
