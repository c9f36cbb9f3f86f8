// The HIS API's OpenAPI document is generated from the schema that checks visit bodies
// (electron/his/visit-schema.ts): what the document promises about a field is what the bridge
// enforces. Checked on the fields the hand-written document had let drift (lineNo, itemCode,
// idNumber): a value against the documented pattern is refused, naming that field.
import { describe, expect, it } from 'vitest';
import { hisOpenApi } from '../../electron/his/openapi';
import { validateVisit } from '../../electron/his/visit-validate';
import { exampleVisit } from '../../electron/his/demo/visits';

const schemas = (hisOpenApi() as any).components.schemas;

describe('the OpenAPI document of the HIS bridge', () => {
  it.each([
    ['lineNo', schemas.FeeLine.properties.lineNo, (v: any, x: string) => (v.lines[0].lineNo = x), 'lines[0].lineNo'],
    ['itemCode', schemas.FeeLine.properties.itemCode, (v: any, x: string) => (v.lines[0].itemCode = x), 'lines[0].itemCode'],
    ['idNumber', schemas.Visit.properties.patient.properties.idNumber, (v: any, x: string) => (v.patient.idNumber = x), 'patient.idNumber'],
  ])('documents the %s pattern the bridge enforces', (_name, doc, set, field) => {
    expect(doc.pattern).toBeTypeOf('string');
    const pattern = new RegExp(doc.pattern);
    const bad = '#bad value#';
    expect(pattern.test(bad)).toBe(false);
    const visit: any = exampleVisit();
    set(visit, bad);
    expect(validateVisit(visit)).toMatchObject({ ok: false, error: { code: 'INVALID_FORMAT', field } });
    expect(validateVisit(exampleVisit()).ok).toBe(true);
  });

  it('lists every field the schema takes, and the lines by reference', () => {
    expect(Object.keys(schemas.Visit.properties)).toEqual(['hisVisitId', 'visitType', 'patient', 'department', 'doctor', 'diagnoses', 'visitTime', 'admissionDate', 'dischargeDate', 'lines', 'extra']);
    expect(schemas.Visit.additionalProperties).toBe(false);
    expect(schemas.Visit.properties.lines.items).toEqual({ $ref: '#/components/schemas/FeeLine' });
    expect(schemas.FeeLine.required).toEqual(['itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time']);
  });
});
