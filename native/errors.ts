// Device errors: a stable code, a Chinese message a cashier understands, English detail for logs.
// native/ throws DeviceError; electron/devices turns it into an AppError value.

export type DeviceErrorCode =
  | 'CARD_NOT_PRESENT'
  | 'CARD_MUTE'
  | 'CARD_UNKNOWN'
  | 'CARD_DATA_INVALID'
  | 'CARD_REMOVED'
  | 'IDCARD_NOT_PRESENT'
  | 'IDCARD_READ_FAILED'
  | 'READER_NOT_CONNECTED'
  | 'READER_NOT_CONFIGURED'
  | 'READER_TIMEOUT'
  | 'READER_PROTOCOL'
  | 'READER_BUSY'
  | 'SCAN_TIMEOUT'
  | 'EVOUCHER_INVALID'
  | 'EVOUCHER_SERVICE';

export const DEVICE_MESSAGES_ZH: Record<DeviceErrorCode, string> = {
  CARD_NOT_PRESENT: '未检测到卡片，请插卡',
  CARD_MUTE: '卡片无响应，请检查卡片是否插反（芯片朝上、向内插入）后重新插卡',
  CARD_UNKNOWN: '无法识别此卡，请确认插入的是社会保障卡',
  CARD_DATA_INVALID: '卡片信息不完整或有误，请换用身份证或医保电子凭证',
  CARD_REMOVED: '读卡过程中卡片被拔出，请重新插卡，读完前不要拔卡',
  IDCARD_NOT_PRESENT: '未检测到身份证，请将身份证平放在读卡器感应区',
  IDCARD_READ_FAILED: '身份证读取失败，请拿开身份证后重新放置',
  READER_NOT_CONNECTED: '读卡器未连接，请检查读卡器的连接线，或在设置中重新选择端口',
  READER_NOT_CONFIGURED: '尚未设置读卡器，请在设置中选择读卡器类型和端口',
  READER_TIMEOUT: '读卡器响应超时，请重新插卡后再试',
  READER_PROTOCOL: '读卡器通信异常，请重新插卡后再试；多次失败请重新插拔读卡器',
  READER_BUSY: '正在读卡，请稍候',
  SCAN_TIMEOUT: '未扫描到电子凭证，请让患者出示医保电子凭证二维码',
  EVOUCHER_INVALID: '电子凭证无效或已过期，请让患者刷新二维码后重新扫描',
  EVOUCHER_SERVICE: '电子凭证解码服务不可用，请稍后再试或改用社保卡',
};

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    detail: string,
    /** A transient fault (timeout, garbled reply): the same command may be sent again. */
    readonly retryable = false,
  ) {
    super(detail);
    this.name = 'DeviceError';
  }

  get messageZh(): string {
    return DEVICE_MESSAGES_ZH[this.code];
  }
}

export function isDeviceError(err: unknown): err is DeviceError {
  return err instanceof DeviceError;
}

/** Any thrown value as a DeviceError (unknown failures become a protocol error). */
export function toDeviceError(err: unknown): DeviceError {
  if (err instanceof DeviceError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new DeviceError('READER_PROTOCOL', detail);
}
