// Reader configuration as the setup screen edits it, validated at the boundary.
import { fail, ok, Result } from '../core/result';

export type ReaderType = 'ssCard' | 'idCard' | 'qrScanner' | 'vendorDll' | 'simulated';
export type ReaderTransportKind = 'serial' | 'hid';
export type SimulatedCardKind = 'ssCard' | 'idCard' | 'eVoucher';

export interface ReaderConfig {
  /** ssCard: RSR-1 reader; idCard: GA 467 reader; qrScanner: CDC scanner; vendorDll: Windows DLL; simulated: no hardware. */
  type: ReaderType;
  /** ssCard may use serial or hid; idCard and qrScanner use serial. */
  transport?: ReaderTransportKind;
  /** Serial path (COM3, /dev/ttyUSB0) or HID device path. */
  port?: string;
  baudRate?: number;
  /** Per-command deadline, ms (default 500). */
  timeoutMs?: number;
  /** qrScanner: how long a read waits for the patient's code, ms (default 20000). */
  scanTimeoutMs?: number;
  /** simulated: what the simulated reader reads, and whose card (a key of electron/demo/persons.ts). */
  simulatedCard?: SimulatedCardKind;
  simulatedPerson?: string;
}

const TYPES: ReaderType[] = ['ssCard', 'idCard', 'qrScanner', 'vendorDll', 'simulated'];
const BAUDS = [9600, 19200, 38400, 57600, 115200];

function bad(field: string, message: string, detail: string): Result<never> {
  return fail('VALIDATION', message, detail, field);
}

export function validateReaderConfig(input: unknown): Result<ReaderConfig> {
  if (!input || typeof input !== 'object') return bad('type', '读卡器设置无效', 'config is not an object');
  const c = input as Record<string, unknown>;
  if (!TYPES.includes(c.type as ReaderType)) return bad('type', '请选择读卡器类型', `unknown type ${String(c.type)}`);
  const type = c.type as ReaderType;
  const out: ReaderConfig = { type };
  if (type === 'simulated') {
    const card = c.simulatedCard ?? 'ssCard';
    if (!['ssCard', 'idCard', 'eVoucher'].includes(card as string)) {
      return bad('simulatedCard', '模拟读卡类型无效', `unknown simulated card ${String(card)}`);
    }
    out.simulatedCard = card as SimulatedCardKind;
    if (c.simulatedPerson !== undefined) {
      if (typeof c.simulatedPerson !== 'string') return bad('simulatedPerson', '模拟人员无效', 'simulatedPerson not a string');
      out.simulatedPerson = c.simulatedPerson;
    }
  } else if (type !== 'vendorDll') {
    const transport = c.transport ?? 'serial';
    if (transport !== 'serial' && transport !== 'hid') return bad('transport', '请选择连接方式（串口或HID）', 'bad transport');
    if (transport === 'hid' && type !== 'ssCard') return bad('transport', '此类读卡器只支持串口连接', `${type} over hid`);
    if (typeof c.port !== 'string' || !c.port.trim()) return bad('port', '请选择读卡器端口', 'missing port');
    out.transport = transport;
    out.port = c.port.trim();
    if (c.baudRate !== undefined) {
      if (!BAUDS.includes(c.baudRate as number)) return bad('baudRate', '波特率无效', `baud ${String(c.baudRate)}`);
      out.baudRate = c.baudRate as number;
    }
  }
  for (const key of ['timeoutMs', 'scanTimeoutMs'] as const) {
    const v = c[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 50 || v > 120_000) {
      return bad(key, '超时时间无效', `${key} ${String(v)}`);
    }
    out[key] = v;
  }
  return ok(out);
}
