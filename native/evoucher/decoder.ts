// The e-voucher decode step: a vendor DLL (EcQuery) or service turns the scanned code into an
// ecToken and person fields. The code is opaque: never parsed, never stored as identity.
import { createHash } from 'node:crypto';
import { DeviceError } from '../errors';
import type { EVoucherRecord } from '../records';

export interface EVoucherContext {
  /** Institution code (orgId). */
  orgId: string;
  /** National businessType code, e.g. "01301" outpatient settlement. */
  businessType: string;
  operatorId?: string;
  operatorName?: string;
  officeId?: string;
  officeName?: string;
}

export interface EVoucherDecoder {
  decode(code: string, context: EVoucherContext): Promise<EVoucherRecord>;
}

/** The EcQuery input JSON (what a Windows build hands the vendor DLL). */
export function ecQueryInput(code: string, ctx: EVoucherContext): string {
  return JSON.stringify({
    data: {
      orgId: ctx.orgId,
      businessType: ctx.businessType,
      operatorId: ctx.operatorId ?? '',
      operatorName: ctx.operatorName ?? '',
      officeId: ctx.officeId ?? '',
      officeName: ctx.officeName ?? '',
      qrCode: code,
    },
  });
}

/** Parse the EcQuery output JSON into a record (throws a DeviceError on a refusal). */
export function parseEcQueryOutput(json: string): EVoucherRecord {
  let parsed: { code?: unknown; message?: unknown; data?: Record<string, unknown> };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    throw new DeviceError('EVOUCHER_SERVICE', 'EcQuery output is not JSON');
  }
  const d = parsed.data;
  if (Number(parsed.code ?? 0) !== 0 || !d) {
    throw new DeviceError('EVOUCHER_INVALID', `EcQuery refused: ${String(parsed.message ?? parsed.code)}`);
  }
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const record: EVoucherRecord = {
    ecToken: s('ecToken'),
    idNo: s('idNo').toUpperCase(),
    idType: s('idType'),
    userName: s('userName'),
    insuOrg: s('insuOrg'),
    gender: s('gender'),
    birthday: s('birthday'),
    nationality: s('nationality'),
    ecIndexNo: s('ecIndexNo'),
  };
  if (record.ecToken.length !== 40 || !record.idNo || !record.userName) {
    throw new DeviceError('EVOUCHER_SERVICE', 'EcQuery output lacks ecToken, idNo or userName');
  }
  return record;
}

export interface SimulatedVoucherPerson {
  code: string;
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  nation: string;
  region: string;
}

/**
 * A stand-in for the vendor service: knows a fixed set of codes, answers EcQuery-shaped JSON,
 * and mints a fresh 40-character token per decode (tokens are short-lived).
 */
export class SimulatedEVoucherDecoder implements EVoucherDecoder {
  private counter = 0;

  /**
   * `onToken` tells whoever plays the insurance network which person a freshly minted token
   * stands for (the real network learns it from the vendor service; our simulator from here).
   */
  constructor(
    private readonly persons: SimulatedVoucherPerson[],
    private readonly now: () => number = Date.now,
    private readonly onToken?: (token: string, idNumber: string) => void,
  ) {}

  async decode(code: string, context: EVoucherContext): Promise<EVoucherRecord> {
    return parseEcQueryOutput(this.ecQuery(ecQueryInput(code, context)));
  }

  /** The JSON-in, JSON-out call, as the DLL has it. */
  ecQuery(input: string): string {
    const { data } = JSON.parse(input) as { data: { qrCode: string; orgId: string } };
    const p = this.persons.find((x) => x.code === data.qrCode);
    if (!p) return JSON.stringify({ code: 1, message: '电子凭证无效' });
    const token = createHash('sha1')
      .update(`${p.code}|${data.orgId}|${this.now()}|${this.counter++}`)
      .digest('hex')
      .toUpperCase();
    this.onToken?.(token, p.idNumber);
    return JSON.stringify({
      code: 0,
      data: {
        ecToken: token,
        idNo: p.idNumber,
        idType: '01',
        userName: p.name,
        insuOrg: p.region,
        gender: p.gender,
        birthday: p.birthDate,
        nationality: p.nation,
        ecIndexNo: createHash('sha1').update(p.idNumber).digest('hex').slice(0, 32).toUpperCase(),
        email: '',
        extData: {},
      },
    });
  }
}
