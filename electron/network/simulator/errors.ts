// A refusal by the simulated platform: answered as an envelope with infcode -1 and the text as
// err_msg, and nothing is changed. The texts the client must tell apart are fixed (NETWORK-SPEC
// §12.5); every other text names the transaction, node, row and field.

export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export const TEXT = {
  signInvalid: '签到信息已失效，请重新签到',
  originalNotFound: '原交易不存在，无需冲正',
  alreadyReversed: '原交易已冲正',
  duplicateMsgid: '发送方报文ID重复',
  fileMissing: '文件不存在或已过期',
  notReversible: '该交易不允许冲正',
  personNotFound: '未查询到人员信息',
  settlementNotFound: '未查询到结算信息',
} as const;

/** `【2204】feedetail第2条：` — the place a field error names (row is 0-based, printed 1-based). */
export function where(infno: string, node?: string, row?: number): string {
  if (!node) return `【${infno}】`;
  return `【${infno}】${node}${row === undefined ? '' : `第${row + 1}条`}：`;
}

export function refuse(message: string): never {
  throw new Refusal(message);
}
