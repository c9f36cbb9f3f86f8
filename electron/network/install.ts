// The network area in the app: reads the setup, starts the built-in (strict, independent)
// platform simulator in-process when no endpoint is configured (the default, and `--network
// builtin`), or points the client at the endpoint (`--network URL` overrides the setup).
// Its services for later areas: NetworkServices (given to them by electron/app/areas.ts).
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { flag } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { NetworkSetupView, NetworkStatusView } from '../api/contract';
import { getInstitution } from '../platform/institution';
import { bool, none, obj, optional, int } from '../api/validate';
import { AppFailure } from '../core/result';
import {
  MsgIdSource, NetworkError, SqliteMessageLog, createNetworkClient, exportSupportBundle, sm3Sm4Gateway,
  type HttpNetworkClient, type NetworkClient,
} from './client';
import { parseFaults, startPlatformSimulator, type PlatformSimulator } from './simulator';
import { NetworkHealth, NetworkWatch } from './health';
import {
  DEFAULT_NETWORK_SETUP, EMPTY_SITE, NETWORK_SETTINGS_KEY, SITE_SETTINGS_KEY, StoredNetworkSetupSchema, clientSetup, mergeSetup, networkSetupInput, storedIdentityMap, tlsFrom, viewOf,
  type SiteSetup, type StoredNetworkSetup,
} from './setup';
import { demoChronicMap, demoIdentityMap, demoVisitSetup } from './demo-setup';

/** The message log keeps this many days (the settlement records themselves are kept forever). */
const MESSAGE_LOG_DAYS = 180;

export interface NetworkAreaService {
  status(): NetworkStatusView;
  reconfigure(): Promise<void>;
  /** The msgid source of this window (same database and terminal as the client's). */
  msgids(): MsgIdSource;
  /** The site's maps and visit data in force (the built-in network: the demo's under the stored ones). */
  site(): SiteSetup;
}

/** What the network area gives the composition root. */
export interface NetworkServices {
  /** A stable facade: every call goes to the client of the current setup and institution. */
  client: NetworkClient;
  /** The running built-in simulator, or undefined with a real endpoint (replaced when the setup changes). */
  sim(): PlatformSimulator | undefined;
  area: NetworkAreaService;
  /** Reachability as last seen by any call (kept current by a watch). */
  health: NetworkHealth;
}

function invalid(field: string, message: string, detail: string): never {
  throw new AppFailure({ code: 'VALIDATION', message, detail, field });
}

function checkSetup(s: StoredNetworkSetup): void {
  if (s.mode === 'endpoint') {
    let url: URL | undefined;
    try {
      url = new URL(s.endpoint);
    } catch {
      invalid('endpoint', '请填写完整的医保网络地址（http:// 或 https:// 开头）', `bad endpoint ${s.endpoint}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') invalid('endpoint', '医保网络地址只能是 http 或 https', `protocol ${url.protocol}`);
  }
  try {
    parseFaults(s.simFaults);
  } catch (err) {
    invalid('simFaults', `故障注入设置不正确：${(err as Error).message}`, (err as Error).message);
  }
  if (s.gateway === 'sm3sm4' && !/^[0-9a-fA-F]{32}$/.test(s.sm4Key) && Buffer.byteLength(s.sm4Key) !== 16) {
    invalid('sm4Key', 'SM4 密钥应为 32 位十六进制或 16 个字符', 'sm4Key must be 16 bytes');
  }
  const tls = tlsFrom(s);
  if (!tls.ok) throw new AppFailure(tls.error);
}

export async function installNetwork(ctx: AppContext, d: Dispatcher): Promise<NetworkServices> {
  const flagged = flag(ctx, 'network');
  const stored = () => {
    const s = { ...DEFAULT_NETWORK_SETUP, ...(ctx.settings.read(NETWORK_SETTINGS_KEY, StoredNetworkSetupSchema) ?? {}) };
    return { ...s, identityMap: storedIdentityMap(s.identityMap) } as StoredNetworkSetup;
  };
  const storedSite = (): SiteSetup => ({ ...EMPTY_SITE, ...(ctx.settings.get<Partial<SiteSetup>>(SITE_SETTINGS_KEY) ?? {}) });
  const messageLog = new SqliteMessageLog(ctx.db);
  const pruned = messageLog.prune(new Date(ctx.now().getTime() - MESSAGE_LOG_DAYS * 86_400_000).toISOString());
  if (pruned) ctx.log.info(`network: pruned ${pruned} message log rows older than ${MESSAGE_LOG_DAYS} days`);
  let sim: PlatformSimulator | undefined;
  let simKey = '';
  let current: { client: HttpNetworkClient; key: string; msgids: MsgIdSource } | undefined;
  let mode: 'builtin' | 'endpoint' = 'builtin';
  let endpoint = '';
  const health = new NetworkHealth(() => ctx.now());
  // The demo's 模拟断网 switch: the built-in simulator drops every request while it is on (not stored).
  let simOffline = false;
  const simFaults = (s: StoredNetworkSetup) => (simOffline ? 'drop=1' : s.simFaults);

  const effective = (s: StoredNetworkSetup) => {
    if (flagged && flagged !== 'builtin') return { mode: 'endpoint' as const, endpoint: flagged };
    if (flagged === 'builtin') return { mode: 'builtin' as const, endpoint: '' };
    return { mode: s.mode, endpoint: s.endpoint };
  };

  /** The built-in network plays a region whose dictionaries the demo's maps come from; the stored ones win. */
  const site = (): SiteSetup => {
    const own = storedSite();
    if (mode !== 'builtin') return own;
    return {
      visit: { ...demoVisitSetup(), ...own.visit }, chronicMap: { ...demoChronicMap(), ...own.chronicMap },
      fundMap: own.fundMap, refusalPatterns: own.refusalPatterns,
    };
  };
  const effectiveSetup = (): StoredNetworkSetup => {
    const s = stored();
    return mode === 'builtin' ? { ...s, identityMap: { ...demoIdentityMap(), ...s.identityMap } } : s;
  };

  const build = (): { client: HttpNetworkClient; key: string; msgids: MsgIdSource } => {
    const s = effectiveSetup();
    const inst = getInstitution(ctx);
    const siteNow = site();
    const key = JSON.stringify([s, inst, endpoint, siteNow]);
    if (current && current.key === key) return current;
    const tls = tlsFrom(s);
    const msgids = new MsgIdSource({ db: ctx.db, institutionCode: inst.code, terminalNo: inst.terminalNo, now: () => ctx.now() });
    const gateway = s.gateway === 'sm3sm4' ? sm3Sm4Gateway({ sm4Key: s.sm4Key, signKey: s.signKey || undefined }) : undefined;
    const client = createNetworkClient(clientSetup(s, inst, endpoint, tls.ok ? tls.value : undefined, siteNow), { msgids, log: messageLog, gateway, now: () => ctx.now(), onSeen: (online) => health.note(online) });
    current = { client, key, msgids };
    return current;
  };

  const reconfigure = async () => {
    const s = stored();
    const eff = effective(s);
    mode = eff.mode;
    const wantSimKey = mode === 'builtin' ? JSON.stringify([s.gateway, s.sm4Key, s.signKey]) : '';
    if (sim && (mode !== 'builtin' || wantSimKey !== simKey)) {
      await sim.close();
      sim = undefined;
    }
    if (mode === 'builtin' && !sim) {
      sim = await startPlatformSimulator({
        port: 0,
        // the simulated network keeps the window's clock (its year-to-date figures follow it)
        now: () => ctx.now(),
        faults: simFaults(s),
        crypto: s.gateway === 'sm3sm4' ? { sm4Key: s.sm4Key, signKey: s.signKey || undefined } : undefined,
        // the simulated network keeps its books across app restarts (the older simulator's
        // journal, network-sim/, is of another format and left alone)
        journalFile: path.join(ctx.dataDir, 'platform-sim', 'journal.jsonl'),
        // a window's own institution is whatever the setup says: the platform learns it
        strictInstitution: false,
        log: (line) => {
          if (/internal error|failed/.test(line)) ctx.log.error(line);
        },
      });
      simKey = wantSimKey;
      ctx.log.info(`network: built-in simulator at ${sim.url}`);
      // Its catalogs are built on first use (a second or so): before the first visit needs them.
      const started = sim;
      setTimeout(() => {
        if (sim === started) started.platform.catalog();
      }, 0).unref();
    } else if (sim) {
      sim.setFaults(simFaults(s));
    }
    endpoint = mode === 'builtin' ? sim!.url : eff.endpoint;
    current = undefined;
    build();
    ctx.log.info(`network: ${mode} ${endpoint}`);
  };

  await reconfigure();
  // Keeps the badge true when nothing else talks to the network (see health.ts).
  const watch = new NetworkWatch(health, () => build().client.ping({ timeoutMs: 3000 }));
  watch.start();
  ctx.onClose(async () => {
    watch.stop();
    // Sign out (9002) at close; a network that does not answer is only logged.
    const out = await current?.client.close(2000);
    if (out?.error) ctx.log.warn(`network: sign-out (9002) at close failed: ${out.error}`);
    await sim?.close();
  });

  // The stable facade: every property read goes to the client of the current setup and institution.
  const facade = new Proxy({} as NetworkClient, {
    get(_t, prop) {
      const c = build().client as unknown as Record<string | symbol, unknown>;
      const v = c[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
    },
  });

  const status = (): NetworkStatusView => {
    const { client } = build();
    const seen = health.state;
    const inst = getInstitution(ctx);
    return {
      mode, endpoint, fromFlag: !!flagged, online: seen ? seen.online : null, lastSeenAt: seen ? seen.at.toISOString() : null,
      signedIn: !!client.signNo, signNo: client.signNo ?? null, institutionCode: inst.code, terminalNo: inst.terminalNo,
      simFaults: sim ? sim.faults() : null, simOffline: sim ? simOffline : null, messages: messageLog.counts(),
    };
  };

  const service: NetworkAreaService = { status, reconfigure, msgids: () => build().msgids, site };

  d.register('network.setup.get', { role: 'technician', input: none(), run: () => viewOf(stored()) });
  d.register('network.setup.set', {
    role: 'technician',
    input: networkSetupInput,
    run: async (input) => {
      const next = mergeSetup(stored(), input as NetworkSetupView);
      checkSetup(next);
      ctx.settings.set(NETWORK_SETTINGS_KEY, next);
      await reconfigure();
      watch.kick();
      return viewOf(next);
    },
    audit: (i) => `医保网络设置：${i.mode === 'endpoint' ? `接口地址 ${i.endpoint}` : '内置模拟器'}，${i.gateway === 'sm3sm4' ? 'SM4 加密' : '不加密'}`,
  });
  d.register('network.status', { role: 'any', input: none(), run: status });
  d.register('network.sim.offline', {
    role: 'any',
    input: obj({ offline: bool() }),
    run: async (input) => {
      if (!sim) throw new AppFailure({ code: 'NOT_SIMULATOR', message: '只有内置医保网络模拟器可以模拟断网', detail: `mode ${mode}`, field: 'offline' });
      simOffline = input.offline;
      sim.setFaults(simFaults(stored()));
      watch.kick();
      return status();
    },
    audit: (i) => (i.offline ? '演示：模拟断网（内置模拟器不再应答）' : '演示：恢复模拟网络'),
  });
  d.register('network.signIn', {
    role: 'any',
    input: none(),
    run: async () => {
      try {
        await build().client.signIn();
      } catch (err) {
        if (err instanceof NetworkError) throw new AppFailure({ code: `NETWORK_${err.kind.toUpperCase()}`, message: err.message, detail: err.detail });
        throw err;
      }
      return status();
    },
  });
  d.register('network.messages', {
    role: 'technician',
    input: obj({ limit: optional(int({ min: 1, max: 1000 })) }),
    run: (input) =>
      messageLog.recent(input.limit ?? 100).map((r) => ({
        id: r.id, msgid: r.msgid, infno: r.infno, startedAt: r.started_at, durationMs: r.duration_ms, outcome: r.outcome,
        infcode: r.infcode, errMsg: r.err_msg,
      })),
  });
  d.register('network.supportBundle', {
    role: 'technician',
    input: none(),
    run: async (_i, callCtx) => {
      const queue = d.has('queue.status') ? await d.dispatch('queue.status', undefined, callCtx) : 'queue area not installed';
      const s = stored();
      return exportSupportBundle({
        db: ctx.db,
        outDir: path.join(ctx.dataDir, 'support'),
        logDir: path.join(ctx.dataDir, 'logs'),
        setup: { ...s, effective: { mode, endpoint }, institution: getInstitution(ctx) },
        queueState: () => queue,
        extra: { status: status(), simulator: sim ? { stats: sim.stats(), faults: sim.faults() } : null },
        now: () => ctx.now(),
      });
    },
    audit: (_i, o) => `导出支持包（${o.bytes} 字节）`,
  });
  return { client: facade, sim: () => sim, area: service, health };
}
