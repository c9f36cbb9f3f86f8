// Inspection and demo switches under /__sim/ (never part of the platform's interface):
//   GET  /__sim/ledger                 settlements and visits as the platform holds them
//   GET  /__sim/stats                  request, fault and refusal counters, the fault spec
//   POST /__sim/faults                 {"faults":"drop=0.1,…"} replaces the fault spec
//   POST /__sim/sign-ins/end           ends every sign-in now (the next business call is refused)
//   POST /__sim/tokens                 {"person":"poor"} issues an e-voucher token (1101 cert type 01)
//   GET  /__sim/persons                the platform's people: key, role, psn_no, ID, card, insured region
//   GET  /__sim/catalog                catalog versions and row counts
//   POST /__sim/catalog/publish        publishes the next catalog version (changed rows)
//   GET  /__sim/matchings?fixmedins_code=H…   the matchings (3301) the platform holds
//   GET  /__sim/trace?code=8…          the state of a traceability code and its sales
import type http from 'node:http';
import type { PlatformSimulator } from './index';
import { send } from './server';

export function inspector(sim: () => PlatformSimulator) {
  return (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const post = req.method === 'POST';
    const json = (v: unknown, status = 200) => send(res, status, JSON.stringify(v));
    let input: Record<string, unknown> = {};
    if (post && body.trim()) {
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return json({ ok: false, error: 'body is not JSON' }, 400);
      }
    }
    const s = sim();
    try {
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /__sim/ledger':
          return json(s.ledger());
        case 'GET /__sim/stats':
          return json({ ...s.stats(), spec: s.faults() });
        case 'POST /__sim/faults':
          s.setFaults(String(input.faults ?? ''));
          return json({ ok: true, faults: s.faults() });
        case 'POST /__sim/sign-ins/end':
          return json({ ok: true, ended: s.endSignIns() });
        case 'POST /__sim/tokens':
          return json({ ok: true, token: s.issueToken(String(input.person ?? '')) });
        case 'GET /__sim/persons':
          return json(s.persons());
        case 'GET /__sim/catalog':
          return json(s.catalogInfo());
        case 'POST /__sim/catalog/publish':
          return json({ ok: true, version: s.publishCatalog() });
        case 'GET /__sim/matchings':
          return json(s.matchings(url.searchParams.get('fixmedins_code') ?? undefined));
        case 'GET /__sim/trace':
          return json(s.traceCode(url.searchParams.get('code') ?? ''));
        default:
          return json({ error: 'not found' }, 404);
      }
    } catch (err) {
      return json({ ok: false, error: (err as Error).message }, 400);
    }
  };
}
