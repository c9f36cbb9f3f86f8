// `npm run --silent cli -- his-demo --to http://127.0.0.1:5781 --token T`: a demo HIS. Sends the
// demo visits (electron/his/demo/visits.ts) to the window's HIS API so a newcomer sees visits
// arrive, and prints one JSON line. Flags: --data-dir DIR (read the token from DIR/his-token
// instead of --token), --tag X (visit-id tag; default a timestamp, so each run adds new visits),
// --with-unmapped (one visit with an item the demo catalog does not map), --callback-port N (also
// receive the window's result pushes on 127.0.0.1:N and print them until Ctrl-C).
// Exit 0 when every visit was accepted, 1 when some were refused, 2 on bad usage.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, stringFlag, UsageError, type FlagSpec } from './args';
import { demoVisits } from '../his/demo/visits';
import { chinaStamp } from '../core/time';
import { TOKEN_FILE } from '../his/token';

export const summary = 'demo HIS: send demo visits to the HIS API (--to URL --token T | --data-dir DIR)';
export const flags: FlagSpec = { strings: ['to', 'token', 'data-dir', 'tag', 'callback-port'], booleans: ['with-unmapped'] };

function tokenFrom(args: ReturnType<typeof parseArgs>): string {
  const given = stringFlag(args, 'token') ?? process.env.SETTLE_HIS_TOKEN;
  if (given) return given;
  const dir = stringFlag(args, 'data-dir');
  if (!dir) throw new UsageError('missing --token (or --data-dir DIR to read DIR/his-token)');
  try {
    return fs.readFileSync(path.join(dir, TOKEN_FILE), 'utf8').trim();
  } catch {
    throw new UsageError(`no token file in ${dir}`);
  }
}

const stamp = chinaStamp;

function listenForCallbacks(port: number): Promise<void> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      process.stderr.write(`callback received: ${Buffer.concat(chunks).toString('utf8')}\n`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      process.stderr.write(`his-demo: receiving callbacks at http://127.0.0.1:${port}/ (set it in 系统设置 → HIS 接口; Ctrl-C to stop)\n`);
      resolve();
    });
  });
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const to = (stringFlag(args, 'to') ?? 'http://127.0.0.1:5781').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(to)) throw new UsageError('--to must be a base URL such as http://127.0.0.1:5781');
  const token = tokenFrom(args);
  const tag = stringFlag(args, 'tag') ?? stamp(new Date());
  if (!/^[A-Za-z0-9]{1,40}$/.test(tag)) throw new UsageError('--tag must be letters and digits');
  const callbackPort = args.flags.has('callback-port') ? intFlag(args, 'callback-port', 0) : undefined;
  const visits = demoVisits(new Date(), tag, { withUnmapped: args.flags.has('with-unmapped') });
  const results: { hisVisitId: string; status: number; result?: string; code?: string; unmappedItems?: number }[] = [];
  for (const v of visits) {
    try {
      const res = await fetch(`${to}/his/v1/visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(v),
      });
      const body = (await res.json().catch(() => ({}))) as { result?: string; unmappedItems?: unknown[]; error?: { code: string; message: string } };
      results.push({ hisVisitId: v.hisVisitId, status: res.status, ...(body.result ? { result: body.result } : {}), ...(body.error ? { code: body.error.code } : {}), ...(body.unmappedItems ? { unmappedItems: body.unmappedItems.length } : {}) });
      process.stderr.write(`${v.hisVisitId} ${v.visitType} ${v.patient.name} ${v.lines.length} 条明细 -> HTTP ${res.status} ${body.result ?? body.error?.message ?? ''}\n`);
    } catch (err) {
      results.push({ hisVisitId: v.hisVisitId, status: 0, code: 'UNREACHABLE' });
      process.stderr.write(`${v.hisVisitId}: 无法连接 ${to}：${(err as Error).message}\n`);
    }
  }
  const accepted = results.filter((r) => r.status === 200 || r.status === 201).length;
  printJsonLine({ to, sent: visits.length, accepted, refused: visits.length - accepted, visits: results });
  if (callbackPort !== undefined) {
    await listenForCallbacks(callbackPort);
    await new Promise(() => undefined);
  }
  return accepted === visits.length ? 0 : 1;
}
