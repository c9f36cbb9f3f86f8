// The devices area in the app: one ReaderService configured from settings (default: the
// simulated reader with the demo persons, so the window reads a card with no hardware), and the
// setup calls for technicians: configure, test read, list ports.
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { ReaderSetupView, ReaderStatusView, ReaderTestView } from '../api/contract';
import { getInstitution } from '../platform/institution';
import { fromResult, none } from '../api/validate';
import { AppFailure, ok, type Result } from '../core/result';
import { SimulatedEVoucherDecoder } from '../../native/evoucher/decoder';
import { voucherPersons } from './demo-cards';
import { demoPersonByIdNumber } from '../demo/persons';
import { ReaderService, validateReaderConfig, type ReaderConfig, type ReaderStatus } from './index';

const SETTING = 'devices.reader';
export const DEFAULT_READER: ReaderConfig = { type: 'simulated', simulatedCard: 'ssCard', simulatedPerson: 'poor' };

function statusView(s: ReaderStatus): ReaderStatusView {
  const view: ReaderStatusView = { configured: s.configured, connected: s.connected, busy: s.busy };
  if (s.config) view.config = s.config;
  if (s.lastReadAt) view.lastReadAt = s.lastReadAt;
  if (s.lastError) view.lastError = { code: s.lastError.code, message: s.lastError.message };
  return view;
}

function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppFailure(r.error);
}

export interface DevicesDeps {
  /** The running built-in network simulator, if any (it changes with the network setup). */
  networkSim(): { registerToken(token: string, personKey: string): void } | undefined;
}

export async function installDevices(ctx: AppContext, d: Dispatcher, deps: DevicesDeps): Promise<ReaderService> {
  // Tokens minted by the simulated e-voucher service are made known to the built-in network
  // simulator (asked at call time: the simulator is replaced when the setup changes).
  const onToken = (token: string, idNumber: string) => {
    const sim = deps.networkSim();
    const person = demoPersonByIdNumber(idNumber);
    if (sim && person) sim.registerToken(token, person.key);
  };
  const readers = new ReaderService({
    log: (line) => ctx.log.info(line),
    decoder: new SimulatedEVoucherDecoder(voucherPersons(), Date.now, onToken),
    eVoucherContext: { orgId: getInstitution(ctx).code, businessType: '01301' },
  });
  const saved = ctx.settings.get<unknown>(SETTING);
  const first = await readers.configure(saved ?? DEFAULT_READER);
  if (!first.ok) {
    // A stored setup that no longer validates (e.g. a port setting from another PC) must not stop
    // the window: fall back to the simulated reader and say so in the log.
    ctx.log.warn(`stored reader setup refused (${first.error.detail ?? first.error.code}); using the simulated reader`);
    await readers.configure(DEFAULT_READER);
  }
  ctx.onClose(() => readers.close());

  d.register('devices.setup.get', {
    role: 'any',
    input: none(),
    run: () => (readers.status().config ?? DEFAULT_READER) as ReaderSetupView,
  });
  d.register('devices.setup.set', {
    role: 'technician',
    // The service validates the whole config itself and names the field; pass it through.
    input: fromResult((raw) => {
      const r = validateReaderConfig(raw);
      return r.ok ? ok(raw as ReaderSetupView) : r;
    }),
    audit: (i) => `读卡器：${i.type}${i.port ? `，端口 ${i.port}` : ''}`,
    run: async (input) => {
      const status = unwrap(await readers.configure(input));
      ctx.settings.set(SETTING, status.config);
      return statusView(status);
    },
  });
  d.register('devices.status', { role: 'any', input: none(), run: () => statusView(readers.status()) });
  d.register('devices.testRead', {
    role: 'technician',
    input: none(),
    run: async (): Promise<ReaderTestView> => {
      const r = await readers.testRead();
      if (!r.ok) return { ok: false, message: r.error.message };
      const view: ReaderTestView = { ok: true, message: r.value.message, elapsedMs: r.value.elapsedMs };
      if (r.value.identity) view.identity = { source: r.value.identity.source, name: r.value.identity.name, idNumber: r.value.identity.idNumber };
      return view;
    },
  });
  d.register('devices.ports', {
    role: 'technician',
    input: none(),
    run: async () => {
      const r = await readers.listPorts();
      if (!r.ok) return { serial: [], hid: [], message: r.error.message };
      return {
        serial: r.value.serial.map((p) => ({ path: p.path, manufacturer: p.manufacturer })),
        hid: r.value.hid.map((h) => ({ path: h.path, product: h.product, vendorId: h.vendorId, productId: h.productId })),
        message: r.value.serial.length || r.value.hid.length ? undefined : '未发现串口或 HID 设备，请检查读卡器连接，或手动填写端口',
      };
    },
  });
  return readers;
}
