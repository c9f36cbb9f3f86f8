// Validation of a visit body (POST /his/v1/visits, JSON drop files, CSV rows after mapping):
// the schema (visit-schema.ts, valibot) checks every field; what needs two fields at once is
// checked here after it. Pure: returns the normalised visit or the first precise error (code,
// Chinese message with the field's label, English detail, field as its JSON path).
// Optional fields left undefined are simply absent from the JSON (stored body, hash, replies).
import * as v from 'valibot';
import { fail as failResult, ok, type Result } from '../core/result';
import { fieldMessage } from '../core/field-label';
import { checkText, isRecord, join, scaled, twoDecimals } from './check';
import { ID_PATTERN, MAX_LINES, hisReason, visitSchema } from './visit-schema';
import type { HisFeeLine, HisVisitInput } from './types';

export { ID_PATTERN, MAX_LINES };

export function checkVisitId(v: string, field = 'hisVisitId'): string {
  return checkText(v, field, { max: 64, pattern: ID_PATTERN, hint: '字母、数字、点、下划线、短横线，最多 64 位' });
}

type Refusal = { code: string; field: string; zh: string; en: string };

function pathOf(issue: v.BaseIssue<unknown>): string {
  let field = '';
  for (const item of issue.path ?? []) field = join(field, item.key as string | number);
  return field;
}

/** The issue a person would fix: inside a union, the branch of the value's own kind. */
function innermost(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  if (issue.type !== 'union' || !issue.issues?.length) return issue;
  const nested = issue.issues.find((i) => (i.path?.length ?? 0) > (issue.path?.length ?? 0));
  return nested ? innermost(nested) : issue;
}

function refusal(raw: v.BaseIssue<unknown>): Refusal {
  const issue = innermost(raw);
  const field = pathOf(issue) || 'body';
  if (issue.type === 'strict_object' && issue.expected === 'never') return { code: 'UNKNOWN_FIELD', field, zh: '是未知字段', en: 'is not a known field' };
  if (issue.received === 'undefined' || (issue.received === 'null' && issue.kind === 'schema')) return { code: 'MISSING_FIELD', field, zh: '缺少此字段', en: 'is required' };
  const r = hisReason(issue.message);
  return r ? { ...r, field } : { code: 'INVALID_VALUE', field, zh: '不是可选的值', en: issue.message };
}

/** amount = quantity x unitPrice rounded half-up to the fen (exact integer arithmetic, in 10^-8 units). */
function amountProblem(l: HisFeeLine, path: string): Refusal | undefined {
  const expectedFen = (scaled(l.quantity, 4) * scaled(l.unitPrice, 4) + 500_000n) / 1_000_000n;
  if (expectedFen === scaled(l.amount, 2)) return undefined;
  const expected = fenText(expectedFen);
  return { code: 'AMOUNT_MISMATCH', field: join(path, 'amount'), zh: `金额 ${twoDecimals(l.amount)} 与 数量×单价 = ${expected} 不符`, en: `amount ${l.amount} != quantity x unitPrice = ${expected}` };
}

/** What the schema cannot see alone: inpatient dates, amounts against quantities, repeated line numbers. */
function crossFieldProblem(b: HisVisitInput): Refusal | undefined {
  const inpatient = b.visitType === 'inpatient';
  if (inpatient && !b.admissionDate) return { code: 'MISSING_FIELD', field: 'admissionDate', zh: '缺少此字段', en: 'is required' };
  if (inpatient && !b.dischargeDate) return { code: 'MISSING_FIELD', field: 'dischargeDate', zh: '缺少此字段', en: 'is required' };
  if (!inpatient && (b.admissionDate || b.dischargeDate)) {
    return { code: 'INVALID_VALUE', field: b.admissionDate ? 'admissionDate' : 'dischargeDate', zh: '只有住院才有入院/出院日期', en: 'only inpatient visits have admission/discharge dates' };
  }
  if (b.admissionDate && b.dischargeDate && b.dischargeDate < b.admissionDate) {
    return { code: 'INVALID_DATE', field: 'dischargeDate', zh: '出院日期早于入院日期', en: 'dischargeDate is before admissionDate' };
  }
  const seen = new Set<string>();
  for (const [i, l] of b.lines.entries()) {
    const path = join('lines', i);
    const wrong = amountProblem(l, path);
    if (wrong) return wrong;
    if (l.lineNo === undefined) continue;
    if (seen.has(l.lineNo)) return { code: 'DUPLICATE_LINE', field: join(path, 'lineNo'), zh: `明细号 ${l.lineNo} 重复`, en: 'lineNo is repeated' };
    seen.add(l.lineNo);
  }
  return undefined;
}

/** The body as stored: amounts with two decimals, optional fields absent (key order of the schema). */
function normalised(b: HisVisitInput): HisVisitInput {
  const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
  return drop({ ...b, patient: drop(b.patient), department: drop(b.department), doctor: drop(b.doctor), diagnoses: b.diagnoses.map(drop), lines: b.lines.map((l) => drop({ ...l, amount: twoDecimals(l.amount) })) });
}

/** Validates one visit; the first error names its field by JSON path (e.g. `lines[3].amount`). */
export function validateVisit(body: unknown): Result<HisVisitInput> {
  if (!isRecord(body)) return failResult('WRONG_TYPE', fieldMessage('body', '应为对象'), 'body: must be a JSON object', 'body');
  const r = v.safeParse(visitSchema, body, { abortEarly: true });
  const refuse = (p: Refusal) => failResult<HisVisitInput>(p.code, fieldMessage(p.field, p.zh), `${p.field}: ${p.en}`, p.field);
  if (!r.success) return refuse(refusal(r.issues[0]));
  const problem = crossFieldProblem(r.output);
  return problem ? refuse(problem) : ok(normalised(r.output));
}

/** Sum of the lines' amounts in fen (exact). */
export function visitTotalFen(v: HisVisitInput): bigint {
  let total = 0n;
  for (const l of v.lines) total += scaled(l.amount, 2);
  return total;
}

export function visitTotal(v: HisVisitInput): string {
  return fenText(visitTotalFen(v));
}

export function fenText(fen: bigint): string {
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
