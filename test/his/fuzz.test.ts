// Fuzz: at least 10,000 malformed or hostile requests against a real HIS server on loopback
// (bad JSON, wrong types, huge numbers, negative amounts, missing fields, Unicode edge cases,
// oversize bodies, bad tokens, odd paths and methods, raw garbage on the socket). Every one must
// be refused with a well-formed error (never 2xx, never 5xx), the server must still answer, and
// nothing stored may change.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exampleVisit, demoVisits } from '../../electron/his/demo/visits';
import { hisSnapshot, request, startHisApp, type HisTestApp } from './helpers';

const TOTAL = 10_500;
const CONCURRENCY = 48;

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (n: number) => Math.floor(rnd() * n);

const WEIRD_VALUES: unknown[] = [
  null, true, false, 0, -1, -0.01, 1e308, -1e308, 1e21, 9007199254740993, 0.1 + 0.2, '', ' ', '-0', '1e5', 'NaN', 'Infinity',
  '12.345', '１２', '0x10', [], {}, [1, 2], { a: 1 }, '\u0000', 'A\ud800', '\udc00Z', '\u202e', '\ufeff', '\uffff', '😀'.repeat(500),
  'x'.repeat(70_000), '<script>alert(1)</script>', "'; DROP TABLE his_visits; --", '../../etc/passwd', '%00', '\r\n\r\n',
];
const BAD_UNICODE = ['A\ud800', '\udfff', 'a\u0000b', 'a\u0007', '\u001b[31m', 'x\ufffey', '\uffff', 'tab\there', 'line\nbreak'];
const ODD_UNICODE = ['\u202e反向', '零\u200b宽', '😀🏥', 'e\u0301', 'ﷺ', '𠀀𪚥'];

type Case = { method: string; path: string; body?: string | Buffer; headers: http.OutgoingHttpHeaders };

function paths(obj: unknown, prefix: string[] = []): string[][] {
  if (obj === null || typeof obj !== 'object') return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(obj)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setPath(obj: any, p: string[], value: unknown, del = false): void {
  let o = obj;
  for (const k of p.slice(0, -1)) o = o[k];
  if (del) Array.isArray(o) ? o.splice(Number(p[p.length - 1]), 1) : delete o[p[p.length - 1]];
  else o[p[p.length - 1]] = value;
}

/** A visit that is certainly invalid, by one of several families of damage. */
function badVisit(base: any): unknown {
  const v = structuredClone(base);
  const line = v.lines[int(v.lines.length)];
  switch (int(10)) {
    case 0: // a required field missing
      setPath(v, pick([['hisVisitId'], ['visitType'], ['patient'], ['department'], ['doctor'], ['diagnoses'], ['lines']]), undefined, true);
      return v;
    case 1: // a line's required field missing
      delete line[pick(['itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time'])];
      return v;
    case 2: // negative amounts or prices
      line[pick(['amount', 'unitPrice', 'quantity'])] = pick(['-1', '-0.01', -5, '-0', -1e9]);
      return v;
    case 3: // huge numbers
      line[pick(['amount', 'unitPrice', 'quantity'])] = pick([1e300, '1' + '0'.repeat(30), 1e21, '99999999999.99', Number.MAX_VALUE]);
      return v;
    case 4: // wrong types anywhere (strings replaced by non-strings; containers by scalars)
      setPath(v, pick(paths(v).filter((p) => p.length > 0)), pick([42, true, [], { x: 1 }, -1, 1.5]));
      if (JSON.stringify(v) === JSON.stringify(base)) v.lines = 'none';
      return v;
    case 5: // bad Unicode in a text field
      line.itemName = `药${pick(BAD_UNICODE)}品`;
      return v;
    case 6: // odd but valid Unicode, together with an amount that does not match
      v.patient.name = pick(ODD_UNICODE);
      line.amount = '123456.78';
      return v;
    case 7: // an unknown field
      setPath(v, pick([['zzz'], ['patient', 'age'], ['lines', '0', 'discount']]), pick(WEIRD_VALUES));
      return v;
    case 8: // a visit id that is not one
      v.hisVisitId = pick(['', ' ', '💥', 'a b', '#'.repeat(10), 'x'.repeat(65), '-lead', '../etc', 'A\u0000']);
      return v;
    default: // a bad value in a checked field
      setPath(v, pick([['visitType'], ['patient', 'idNumber'], ['patient', 'insuranceRegion'], ['lines', '0', 'time'], ['lines', '0', 'category']]), pick(['x', '', '💥', 'emergency', '37030319580312031X', '2024-13-01 00:00:00', '99', 'a b', '#'.repeat(65)]));
      return v;
  }
}

function makeCase(token: string, base: any): Case {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const kind = int(100);
  if (kind < 10) {
    const bodies = ['{', '{"a":', '[', 'null', '"x"', '12', '{"hisVisitId":"A",}', '\u0000', '{"a":1}{"b":2}', 'undefined', '{\'a\':1}', '[[[[[[[[[['.repeat(500)];
    return { method: 'POST', path: '/his/v1/visits', body: pick(bodies), headers: auth };
  }
  if (kind < 14) {
    const buf = Buffer.alloc(1 + int(300));
    for (let i = 0; i < buf.length; i++) buf[i] = int(256);
    return { method: 'POST', path: '/his/v1/visits', body: buf, headers: auth };
  }
  if (kind < 24) {
    const badAuth = pick([undefined, '', 'Bearer', 'Bearer ', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `bearer ${token}`, `Basic ${token}`, token, `Bearer  ${token}`, `Bearer ${token.toUpperCase()}`, 'Bearer é', `Bearer ${'A'.repeat(5000)}`]);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (badAuth !== undefined) headers.authorization = badAuth;
    return { method: pick(['POST', 'GET']), path: pick(['/his/v1/visits', '/his/v1/visits/X1', '/his/v1/ping', '/']), body: JSON.stringify(base), headers };
  }
  if (kind < 28) {
    const p = pick(['/', '/his', '/his/v1/visits/', '/his/v1/visits/a/b/c', '/his/v1/visits/%ZZ', '/his/v1/visits/..%2F..%2Fetc', '/his/v2/visits', `/his/v1/visits/${'x'.repeat(100)}`, '/his/v1/visits/X/cancel/more', '/%00']);
    return { method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: p, body: pick([undefined, '{}', '[]']), headers: auth };
  }
  if (kind < 30) return { method: 'POST', path: '/his/v1/visits', body: JSON.stringify(base), headers: { ...auth, 'content-type': pick(['text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data']) } };
  if (kind < 33) {
    const cancelBody = pick([JSON.stringify({ reason: 42 }), JSON.stringify({ reason: 'x'.repeat(300) }), JSON.stringify({ why: 'no' }), '[]', '{', JSON.stringify({ reason: 'a\ud800' })]);
    return { method: 'POST', path: `/his/v1/visits/${pick(['NOSUCH1', base.hisVisitId])}/cancel`, body: cancelBody, headers: auth };
  }
  return { method: 'POST', path: '/his/v1/visits', body: JSON.stringify(badVisit(base)), headers: auth };
}

let t: HisTestApp;
beforeAll(async () => {
  t = await startHisApp();
});
afterAll(async () => {
  await t.close();
});

function send(agent: http.Agent, c: Case): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...c.headers, ...(c.body !== undefined ? { 'content-length': Buffer.byteLength(c.body) } : {}) };
    const req = http.request({ host: '127.0.0.1', port: t.bridge.server.port, method: c.method, path: c.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

function rawGarbage(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.end(bytes));
    s.on('data', () => undefined);
    s.on('error', () => resolve());
    s.on('close', () => resolve());
    s.setTimeout(2000, () => s.destroy());
  });
}

it('survives 10,000+ hostile requests: every one refused cleanly, nothing stored changed', { timeout: 120_000 }, async () => {
  // Some state to protect: an open visit, a settled one, the demo catalog.
  const [open, settled] = demoVisits(new Date('2024-06-05T00:00:00Z'), 'FUZZ');
  for (const v of [open, settled]) expect((await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: v })).status).toBe(201);
  expect(t.bridge.service.markSettled(settled.hisVisitId, { settlementId: 'S1', receiptNo: 'R1', cash: '1.00', layers: [] }).ok).toBe(true);
  const before = hisSnapshot(t.app);
  const base = { ...exampleVisit(), hisVisitId: open.hisVisitId };

  const cases: Case[] = Array.from({ length: TOTAL }, () => makeCase(t.token, base));
  const oversize = 'x'.repeat(2 * 1024 * 1024 + 10);
  for (let i = 0; i < 12; i++) cases[int(cases.length)] = { method: 'POST', path: '/his/v1/visits', body: `{"pad":"${oversize}"}`, headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' } };

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < cases.length) {
      const c = cases[next++];
      let r: { status: number; body: string };
      try {
        r = await send(agent, c);
      } catch (err) {
        problems.push(`${c.method} ${c.path}: transport error ${(err as Error).message}`);
        continue;
      }
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      let ok = r.status >= 400 && r.status < 500;
      try {
        const e = JSON.parse(r.body).error;
        ok &&= typeof e.code === 'string' && typeof e.message === 'string' && typeof e.field === 'string';
      } catch {
        ok = false;
      }
      if (!ok && problems.length < 20) problems.push(`${c.method} ${c.path} -> ${r.status} ${r.body.slice(0, 200)} for ${String(c.body).slice(0, 300)}`);
    }
  }));
  agent.destroy();
  for (let i = 0; i < 20; i++) {
    const junk = Buffer.from(pick(['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'POST /his/v1/visits HTTP/1.1\r\nContent-Length: -5\r\n\r\n', '\u0000\u0001\u0002', `GET /${'a'.repeat(20000)} HTTP/1.1\r\n\r\n`, 'POST /his/v1/visits HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n']));
    await rawGarbage(t.bridge.server.port, junk);
  }

  expect(problems).toEqual([]);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(10_000);
  expect(statuses.get(401)).toBeGreaterThan(500);
  expect(statuses.get(400)).toBeGreaterThan(5000);
  expect(statuses.get(413)).toBeGreaterThan(0);
  expect(hisSnapshot(t.app)).toBe(before);

  const ping = await request(t.base, 'GET', '/his/v1/ping', { token: t.token });
  expect(ping.status).toBe(200);
  const fresh = await request(t.base, 'POST', '/his/v1/visits', { token: t.token, body: { ...exampleVisit(), hisVisitId: 'AFTERFUZZ1' } });
  expect(fresh.status).toBe(201);
});
