// Contract tests of the HIS API with a real server on loopback and a real SQLite file.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startHisApp, hisSnapshot, type HisTestApp } from './helpers';
import { exampleVisit, demoVisits } from '../../electron/his/demo/visits';
import { hisOpenApi } from '../../electron/his/openapi';
import { validateVisit } from '../../electron/his/visit-validate';
import { openApiText } from '../../electron/cli/his-openapi';
import { projectRoot } from '../../electron/platform/paths';

let t: HisTestApp;
beforeAll(async () => {
  t = await startHisApp();
});
afterAll(async () => {
  await t.close();
});

const post = (body: unknown, token = t.token) => request(t.base, 'POST', '/his/v1/visits', { token, body });

describe('OpenAPI document', () => {
  it('is served without a token, is OpenAPI 3, and equals docs/his-openapi.json', async () => {
    const r = await request(t.base, 'GET', '/his/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(r.body).toEqual(hisOpenApi());
    const docs = fs.readFileSync(path.join(projectRoot(), 'docs', 'his-openapi.json'), 'utf8');
    expect(docs).toBe(openApiText());
  });

  it('has a valid example for every request body, accepted by the server', async () => {
    const doc = hisOpenApi() as any;
    let bodies = 0;
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        const example = op.requestBody?.content?.['application/json']?.example;
        if (!op.requestBody) continue;
        bodies++;
        expect(example, p).toBeDefined();
        if (p === '/his/v1/visits') {
          expect(validateVisit(example).ok).toBe(true);
          expect((await post(example)).status).toBeLessThan(300);
        }
        if (p.endsWith('/cancel')) {
          const id = exampleVisit().hisVisitId;
          const r = await request(t.base, 'POST', `/his/v1/visits/${id}/cancel`, { token: t.token, body: example });
          expect(r.status).toBe(202);
        }
      }
    }
    expect(bodies).toBe(2);
  });
});

describe('authentication', () => {
  const cases: [string, http.OutgoingHttpHeaders][] = [
    ['missing', {}],
    ['wrong', { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['malformed scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['token without scheme', {}],
  ];
  it.each(cases)('answers 401 for a %s credential before looking at anything else', async (name, headers) => {
    const h = name === 'token without scheme' ? { authorization: t.token } : headers;
    for (const [method, p, body] of [
      ['POST', '/his/v1/visits', '{not json'],
      ['GET', '/his/v1/visits/NOPE', undefined],
      ['DELETE', '/nothing/here', undefined],
      ['POST', '/his/v1/visits/X/cancel', 'x'.repeat(3 * 1024 * 1024)],
    ] as const) {
      const r = await request(t.base, method, p, { headers: h, body });
      expect(r.status, `${method} ${p}`).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'UNAUTHORIZED', field: 'Authorization' });
      expect(r.headers['www-authenticate']).toContain('Bearer');
    }
  });
});

describe('POST /his/v1/visits', () => {
  it('creates, is a no-op for the same body, replaces changed lines before settlement', async () => {
    const v = demoVisits(new Date('2024-06-03T00:00:00Z'), 'IDEM')[3];
    const first = await post(v);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ hisVisitId: v.hisVisitId, result: 'created', state: 'waiting', revision: 1, unmappedItems: [] });
    const before = hisSnapshot(t.app);
    const again = await post(v);
    expect(again.status).toBe(200);
    expect(again.body.result).toBe('unchanged');
    expect(hisSnapshot(t.app)).toBe(before);
    t.bridge.service.markPreSettled(v.hisVisitId);
    const changed = { ...v, lines: v.lines.slice(0, 2) };
    const replaced = await post(changed);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ result: 'replaced', state: 'waiting', revision: 2, lineCount: 2 });
    expect(t.bridge.service.get(v.hisVisitId)!.lines).toHaveLength(2);
  });

  it('refuses a changed body after settlement with VISIT_SETTLED and keeps the stored visit', async () => {
    const v = demoVisits(new Date('2024-06-03T00:00:00Z'), 'SETL')[0];
    expect((await post(v)).status).toBe(201);
    const lines = t.bridge.service.mappedLines(v.hisVisitId);
    expect(lines.ok).toBe(true);
    const settled = t.bridge.service.markSettled(v.hisVisitId, {
      settlementId: 'S0001', receiptNo: 'R0001', cash: '120.50', revision: lines.ok ? lines.value.revision : 0,
      layers: [{ key: 'basic', name: '基本医保', amount: '1000.00' }, { key: 'critical', name: '大病保险', amount: '0.00' }],
    });
    expect(settled.ok).toBe(true);
    const before = hisSnapshot(t.app);
    const r = await post({ ...v, lines: v.lines.slice(1) });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'VISIT_SETTLED', field: 'hisVisitId' });
    expect(hisSnapshot(t.app)).toBe(before);
    const unchanged = await post(v);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.result).toBe('unchanged');
    const g = await request(t.base, 'GET', `/his/v1/visits/${v.hisVisitId}`, { token: t.token });
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ state: 'settled', settlement: { settlementId: 'S0001', receiptNo: 'R0001', cash: '120.50' } });
    expect(g.body.settlement.layers).toEqual([{ key: 'basic', name: '基本医保', amount: '1000.00' }, { key: 'critical', name: '大病保险', amount: '0.00' }]);
  });

  const bad: [string, (v: any) => unknown, string, string][] = [
    ['negative amount', (v) => ((v.lines[0].amount = '-1.00'), v), 'NEGATIVE', 'lines[0].amount'],
    ['amount != qty x price', (v) => ((v.lines[1].amount = '999.99'), v), 'AMOUNT_MISMATCH', 'lines[1].amount'],
    ['three decimals', (v) => ((v.lines[0].amount = '1.001'), v), 'TOO_MANY_DECIMALS', 'lines[0].amount'],
    ['missing item code', (v) => (delete v.lines[2].itemCode, v), 'MISSING_FIELD', 'lines[2].itemCode'],
    ['quantity as boolean', (v) => ((v.lines[0].quantity = true), v), 'WRONG_TYPE', 'lines[0].quantity'],
    ['unknown field', (v) => ((v.lines[0].colour = 'red'), v), 'UNKNOWN_FIELD', 'lines[0].colour'],
    ['bad visit type', (v) => ((v.visitType = 'emergency'), v), 'INVALID_VALUE', 'visitType'],
    ['bad ID check digit', (v) => ((v.patient.idNumber = '370303195803120317'), v), 'INVALID_ID_NUMBER', 'patient.idNumber'],
    ['no identity hint', (v) => ((v.patient = {}), v), 'MISSING_FIELD', 'patient'],
    ['no lines', (v) => ((v.lines = []), v), 'MISSING_FIELD', 'lines'],
    ['inpatient without dates', (v) => ((v.visitType = 'inpatient'), v), 'MISSING_FIELD', 'admissionDate'],
    ['bad date', (v) => ((v.lines[0].time = '2024-02-30 10:00:00'), v), 'INVALID_DATE', 'lines[0].time'],
    ['huge number', (v) => ((v.lines[0].quantity = 1e300), v), 'INVALID_NUMBER', 'lines[0].quantity'],
    ['lone surrogate', (v) => ((v.lines[0].itemName = 'A\ud800B'), v), 'INVALID_TEXT', 'lines[0].itemName'],
    ['array body', () => [], 'WRONG_TYPE', 'body'],
  ];
  it.each(bad)('answers 400 for %s, naming the field, and stores nothing', async (_name, mutate, code, field) => {
    const v = structuredClone(exampleVisit()) as any;
    v.hisVisitId = 'BAD0001';
    const before = hisSnapshot(t.app);
    const r = await post(mutate(v));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code, field });
    expect(typeof r.body.error.message).toBe('string');
    expect(hisSnapshot(t.app)).toBe(before);
  });

  it('answers bad JSON, wrong content type and bad UTF-8 precisely', async () => {
    let r = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: '{"hisVisitId": ' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_JSON', field: 'body' });
    r = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    r = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_ENCODING');
  });

  it('takes a GBK body when the charset says so', async () => {
    const v = { ...exampleVisit(), hisVisitId: 'GBK0001' };
    const r = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: iconv.encode(JSON.stringify(v), 'gbk'), headers: { 'content-type': 'application/json; charset=GBK' } });
    expect(r.status).toBe(201);
    expect(t.bridge.service.get('GBK0001')!.patient.name).toBe('赵志强');
  });

  it('answers 413 for an oversize body and keeps the connection usable', async () => {
    const one = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const huge = JSON.stringify({ ...exampleVisit(), extra: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const r = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: huge, agent: one });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('BODY_TOO_LARGE');
    const after = await request(t.base, 'GET', '/his/v1/ping', { token: t.token, agent: one });
    expect(after.status).toBe(200);
    one.destroy();
  });
});

describe('GET and cancel', () => {
  it('answers 404 for an unknown visit, 400 for a bad id, 405 for a wrong method', async () => {
    expect((await request(t.base, 'GET', '/his/v1/visits/NOPE404', { token: t.token })).status).toBe(404);
    const bad = await request(t.base, 'GET', '/his/v1/visits/%E0%A4%A', { token: t.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('hisVisitId');
    const m = await request(t.base, 'DELETE', '/his/v1/visits', { token: t.token });
    expect(m.status).toBe(405);
    expect(m.headers.allow).toBe('POST');
  });

  it('records a cancellation request; the window confirms it; the state is then cancelled', async () => {
    const v = { ...exampleVisit(), hisVisitId: 'CANCEL001' };
    expect((await post(v)).status).toBe(201);
    const r = await request(t.base, 'POST', '/his/v1/visits/CANCEL001/cancel', { token: t.token, body: { reason: '患者要求退费' } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ state: 'waiting', cancelRequested: true });
    expect(t.bridge.service.listWaiting().find((x) => x.hisVisitId === 'CANCEL001')!.cancelRequested).toBe(true);
    expect(t.bridge.service.markCancelled('CANCEL001', { reason: '患者要求退费' }).ok).toBe(true);
    const g = await request(t.base, 'GET', '/his/v1/visits/CANCEL001', { token: t.token });
    expect(g.status).toBe(200);
    expect(g.body.state).toBe('cancelled');
    expect(g.body.cancellation.reason).toBe('患者要求退费');
    const again = await post({ ...v, lines: v.lines.slice(1) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VISIT_CANCELLED');
    expect((await request(t.base, 'POST', '/his/v1/visits/NOPE/cancel', { token: t.token })).status).toBe(404);
  });
});
