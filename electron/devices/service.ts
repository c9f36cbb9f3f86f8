// The app's reader service (interface documented in ./index.ts).
import { existsSync } from 'node:fs';
import { AppError, fail, ok, Result } from '../core/result';
import { DeviceError } from '../../native/errors';
import { EVoucherContext, EVoucherDecoder, SimulatedEVoucherDecoder } from '../../native/evoucher/decoder';
import { voucherPersons } from './demo-cards';
import { HidDeviceInfo, HidOpener, listHidDevices } from '../../native/transport/hid';
import { listSerialPorts, SerialPortInfo } from '../../native/transport/serial';
import type { SsCardDll } from '../../native/vendor/dll-output';
import { ReaderConfig, validateReaderConfig } from './config';
import { deviceAppError, deviceErrorOf } from './errors';
import { maskIdentity, PatientIdentity } from './identity';
import {
  EVoucherSession,
  IdCardSession,
  openTransport,
  ReaderSession,
  SessionDeps,
  SsCardSession,
  VendorDllSession,
} from './session';
import { SimulatedReader, SimulatedReaderControls } from './simulated';

export interface ReaderStatus {
  configured: boolean;
  config?: ReaderConfig;
  /** The reader's port is open (false until the first read or test read). */
  connected: boolean;
  busy: boolean;
  lastReadAt?: string;
  lastError?: AppError;
}

export interface TestReadReport {
  connected: true;
  cardPresent: boolean;
  /** Masked: the setup screen shows that the read worked, not whose card it was. */
  identity?: ReturnType<typeof maskIdentity>;
  elapsedMs: number;
  /** Chinese summary for the setup screen. */
  message: string;
}

export interface PortList {
  serial: SerialPortInfo[];
  hid: HidDeviceInfo[];
}

export interface ReaderServiceOptions {
  now?: () => Date;
  /** Replaces node-hid's opener (tests use a fake device). */
  hidOpener?: HidOpener;
  /** The vendor DLL binding on Windows (type "vendorDll"). */
  vendorDll?: SsCardDll;
  /** The e-voucher decode service; default the simulated one over the demo persons. */
  decoder?: EVoucherDecoder;
  eVoucherContext?: EVoucherContext;
  /** Log sink (English, personal data masked). */
  log?: (line: string) => void;
}

const RESET_ON = new Set(['READER_NOT_CONNECTED', 'READER_TIMEOUT', 'READER_PROTOCOL']);

export class ReaderService {
  private config: ReaderConfig | undefined;
  private session: ReaderSession | undefined;
  private sim: SimulatedReader | undefined;
  private busy = false;
  private lastReadAt: string | undefined;
  private lastError: AppError | undefined;
  private readonly now: () => Date;
  private readonly deps: SessionDeps;
  private readonly log: (line: string) => void;

  constructor(private readonly options: ReaderServiceOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.deps = {
      now: this.now,
      hidOpener: options.hidOpener,
      vendorDll: options.vendorDll,
      decoder: options.decoder ?? new SimulatedEVoucherDecoder(voucherPersons()),
      eVoucherContext: options.eVoucherContext ?? { orgId: 'H37030300123', businessType: '01301' },
    };
  }

  async configure(input: unknown): Promise<Result<ReaderStatus>> {
    const checked = validateReaderConfig(input);
    if (!checked.ok) return checked;
    if (checked.value.type === 'vendorDll' && !this.options.vendorDll) {
      return fail('VALIDATION', '本机未安装读卡器厂商驱动，请选择其他读卡器类型', 'no vendor DLL binding', 'type');
    }
    if (this.busy) return { ok: false, error: deviceErrorOf('READER_BUSY', 'configure during a read') };
    await this.dropSession();
    this.config = checked.value;
    this.sim = this.config.type === 'simulated' ? new SimulatedReader(this.config.simulatedCard ?? 'ssCard', this.config.simulatedPerson) : undefined;
    this.lastError = undefined;
    return ok(this.status());
  }

  status(): ReaderStatus {
    return {
      configured: this.config !== undefined,
      config: this.config ? { ...this.config } : undefined,
      connected: Boolean(this.session?.isOpen),
      busy: this.busy,
      lastReadAt: this.lastReadAt,
      lastError: this.lastError,
    };
  }

  simulator(): SimulatedReaderControls | undefined {
    return this.sim;
  }

  read(): Promise<Result<PatientIdentity>> {
    return this.exclusive('read', async (session) => {
      const identity = await session.read();
      this.lastReadAt = identity.readAt;
      this.log(`reader: read ${identity.source} ${JSON.stringify(maskIdentity(identity))}`);
      return identity;
    });
  }

  testRead(): Promise<Result<TestReadReport>> {
    const started = Date.now();
    return this.exclusive('test read', async (session) => {
      const probe = await session.probe();
      const elapsedMs = Date.now() - started;
      if (!probe.identity) {
        return { connected: true, cardPresent: false, elapsedMs, message: probe.idleMessage ?? '读卡器连接正常，未检测到卡片' } as TestReadReport;
      }
      this.lastReadAt = probe.identity.readAt;
      const identity = maskIdentity(probe.identity);
      return { connected: true, cardPresent: true, identity, elapsedMs, message: `读卡成功：${identity.name}` } as TestReadReport;
    });
  }

  async listPorts(): Promise<Result<PortList>> {
    let serial: SerialPortInfo[] = [];
    let hid: HidDeviceInfo[] = [];
    try {
      serial = await listSerialPorts();
    } catch (err) {
      this.log(`reader: serial port listing failed: ${(err as Error).message}`);
    }
    try {
      hid = await listHidDevices();
    } catch (err) {
      this.log(`reader: HID listing failed: ${(err as Error).message}`);
    }
    return ok({ serial, hid });
  }

  async close(): Promise<void> {
    await this.dropSession();
  }

  private async exclusive<T>(what: string, body: (s: ReaderSession) => Promise<T>): Promise<Result<T>> {
    if (!this.config) return this.failWith(deviceErrorOf('READER_NOT_CONFIGURED', `${what} before configure`));
    if (this.busy) return { ok: false, error: deviceErrorOf('READER_BUSY', `${what} while busy`) };
    this.busy = true;
    try {
      const session = await this.ensureSession(this.config);
      const value = await body(session);
      this.lastError = undefined;
      return ok(value);
    } catch (err) {
      const error = this.explain(err);
      if (RESET_ON.has(error.code)) await this.dropSession();
      this.log(`reader: ${what} failed: ${error.code} ${error.detail ?? ''}`);
      return this.failWith(error);
    } finally {
      this.busy = false;
    }
  }

  private failWith<T>(error: AppError): Result<T> {
    this.lastError = error;
    return { ok: false, error };
  }

  /** A timeout on a serial port whose device node vanished is an unplugged reader. */
  private explain(err: unknown): AppError {
    const error = deviceAppError(err);
    const c = this.config;
    const serialPath = c?.port && c.transport !== 'hid' && c.port.startsWith('/') ? c.port : undefined;
    if (error.code === 'READER_TIMEOUT' && serialPath && !existsSync(serialPath)) {
      return deviceErrorOf('READER_NOT_CONNECTED', `${serialPath} vanished (${error.detail})`);
    }
    return error;
  }

  private async ensureSession(config: ReaderConfig): Promise<ReaderSession> {
    if (this.session?.isOpen) return this.session;
    await this.dropSession();
    this.session = await this.openSession(config);
    return this.session;
  }

  private async openSession(c: ReaderConfig): Promise<ReaderSession> {
    if (c.type === 'simulated') return (this.sim as SimulatedReader).open(this.deps, c.timeoutMs);
    if (c.type === 'vendorDll') {
      if (!this.deps.vendorDll) throw new DeviceError('READER_NOT_CONFIGURED', 'no vendor DLL binding');
      return new VendorDllSession(this.deps.vendorDll, this.deps);
    }
    const transport = await openTransport(c, this.deps.hidOpener);
    if (c.type === 'ssCard') return new SsCardSession(transport, this.deps, c.timeoutMs);
    if (c.type === 'idCard') return new IdCardSession(transport, this.deps, c.timeoutMs);
    return new EVoucherSession(transport, this.deps, c.scanTimeoutMs);
  }

  private async dropSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.close().catch(() => undefined);
  }
}
