// Device failures as AppError values with the Chinese message a cashier reads.
import { AppError } from '../core/result';
import { DEVICE_MESSAGES_ZH, DeviceErrorCode, toDeviceError } from '../../native/errors';

export function deviceAppError(err: unknown): AppError {
  const e = toDeviceError(err);
  return { code: e.code, message: e.messageZh, detail: e.message };
}

export function deviceErrorOf(code: DeviceErrorCode, detail: string): AppError {
  return { code, message: DEVICE_MESSAGES_ZH[code], detail };
}
