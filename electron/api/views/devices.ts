// Card readers. View types of the API contract (electron/api/contract.ts); pure types.
import type { ApiError } from './common';

export interface ReaderSetupView {
  /** ssCard: RSR-1 reader; idCard: GA 467; qrScanner: e-voucher scanner; vendorDll: the vendor's DLL; simulated: demo. */
  type: 'ssCard' | 'idCard' | 'qrScanner' | 'vendorDll' | 'simulated';
  transport?: 'serial' | 'hid';
  port?: string;
  baudRate?: number;
  timeoutMs?: number;
  scanTimeoutMs?: number;
  simulatedCard?: 'ssCard' | 'idCard' | 'eVoucher';
  simulatedPerson?: string;
}
export interface ReaderStatusView {
  configured: boolean;
  config?: ReaderSetupView;
  connected: boolean;
  busy: boolean;
  lastReadAt?: string;
  lastError?: ApiError;
}
export interface ReaderTestView {
  ok: boolean;
  /** Chinese summary: what the test read found (identity masked) or what went wrong. */
  message: string;
  elapsedMs?: number;
  identity?: { source: string; name: string; idNumber: string };
}
export interface ReaderPortsView {
  serial: { path: string; manufacturer?: string }[];
  hid: { path: string; product?: string; vendorId?: number; productId?: number }[];
  message?: string;
}
