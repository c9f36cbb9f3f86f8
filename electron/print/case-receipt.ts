// A settlement case file (the format of `settle --case`) settled with the engine and turned into a
// receipt for a demo institution and a demo patient whose identities match the case. Used by
// `cli receipt`, the tests and the bench, so a receipt can be checked without the UI.
import { readFileSync } from 'node:fs';
import crypto from 'node:crypto';
import { fail, type Result } from '../core/result';
import { parseCase, settle, type FeeLine } from '../core/engine';
import { buildReceiptData, receiptNumber, type CheckSigner, type ReceiptData, type ReceiptFeeLine } from '../core/receipt';
import { DEMO_INSTITUTIONS, DEMO_PERSONS, type DemoPerson } from '../demo/persons';
import { loadShippedPacks } from '../policy/store';

export interface CaseReceiptOptions {
  sign: CheckSigner;
  offline?: boolean;
  operatorName?: string;
  /** How the personal part was paid (default: not recorded, printed as cash). */
  payment?: { method: string; reference?: string };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The demo person of the case's insurance type whose identities equal the case's (else the closest). */
export function demoPatientFor(insuranceType: string, identities: readonly string[]): DemoPerson {
  const sameType = DEMO_PERSONS.filter((p) => p.insuranceType === insuranceType);
  return (
    sameType.find((p) => sameSet(p.identities, identities)) ??
    sameType.find((p) => identities.some((i) => (p.identities as string[]).includes(i))) ??
    sameType[0] ??
    DEMO_PERSONS[0]
  );
}

function caseLines(lines: readonly FeeLine[] | undefined): ReceiptFeeLine[] | undefined {
  return lines?.map((l) => ({ code: l.code, amount: l.amount, class: l.class }));
}

/** Settles a parsed case JSON and builds its receipt. */
export function receiptFromCaseJson(json: unknown, opts: CaseReceiptOptions): Result<ReceiptData> {
  const shipped = loadShippedPacks();
  const parsed = parseCase(json, (id) => shipped.packs.find((p) => p.id === id));
  if (!parsed.ok) return parsed;
  const input = parsed.value.input;
  const result = settle(input);
  if (!result.ok) return result;
  const person = demoPatientFor(input.person.insuranceType, input.person.identities ?? []);
  const inst = DEMO_INSTITUTIONS.find((i) => i.level === input.visit.facilityLevel) ?? DEMO_INSTITUTIONS[0];
  const day = input.visit.date.replace(/-/g, '');
  return buildReceiptData(
    {
      settlementId: `DEMO${day}${crypto.createHash('sha256').update(parsed.value.id ?? JSON.stringify(json)).digest('hex').slice(0, 8).toUpperCase()}`,
      receiptNo: receiptNumber('01', input.visit.date, 1),
      settledAt: `${input.visit.date} 10:30:00`,
      operatorName: opts.operatorName ?? '演示收费员',
      offline: opts.offline ?? false,
      visit: input.visit,
      result: result.value,
      lines: caseLines(input.lines),
      pack: input.pack,
      ...(opts.payment ? { payment: opts.payment } : {}),
    },
    { name: inst.name, code: inst.code },
    { name: person.name, idNumber: person.idNumber, insuranceType: input.person.insuranceType, identities: input.person.identities, enrolled: input.person.enrolled },
    opts.sign,
  );
}

/** Reads a case file and builds its receipt; a missing or malformed file is a failure value. */
export function receiptFromCaseFile(file: string, opts: CaseReceiptOptions): Result<ReceiptData> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail('CASE_UNREADABLE', `无法读取案例文件 ${file}`, `cannot read case ${file}: ${(err as Error).message}`);
  }
  return receiptFromCaseJson(json, opts);
}
