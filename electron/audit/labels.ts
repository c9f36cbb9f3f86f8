// Chinese names of audited actions and roles, for the audit log as the user reads it. The stored
// action stays the API method (stable, in the hash chain); the view adds its Chinese name.
import type { Role } from '../api/contract';

export const ROLE_NAMES: Record<Role, string> = { cashier: '收款员', technician: '技术员', administrator: '管理员' };

const ACTION_LABELS: Record<string, string> = {
  'auth.setupAdmin': '创建管理员',
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.logout': '退出/锁屏',
  'auth.changePassword': '修改密码',
  'operators.create': '添加操作员',
  'operators.update': '修改操作员',
  'operators.settings.set': '空闲锁定设置',
  'window.settle': '结算',
  'window.cancel': '撤销结算',
  'window.cardFree.set': '无卡结算设置',
  'window.inputLimits.set': '输入上限设置',
  'window.cardFreeIdentify': '无卡识别',
  'window.cardFreeRefused': '无卡识别被拒',
  'policy.import': '导入政策包',
  'setup.institution.set': '机构信息设置',
  'setup.backup': '备份',
  'setup.restore': '恢复',
  'setup.autoBackup.set': '自动备份设置',
  'settlement.offlineLimits.set': '脱机限额设置',
  'queue.retry': '重试失败项',
  'queue.cancelDead': '撤销失败项',
  'queue.abandonUndo': '放弃回退',
  'reconcile.run': '对账',
  'network.setup.set': '医保网络设置',
  'network.sim.offline': '模拟断网（演示）',
  'network.supportBundle': '导出支持包',
  'devices.setup.set': '读卡器设置',
  'catalog.sync.start': '下载医保目录',
  'catalog.changes.review': '核对目录变更',
  'catalog.his.import': '导入 HIS 项目',
  'catalog.his.importBridge': '从 HIS 接口导入项目',
  'catalog.match.confirm': '确认目录对照',
  'catalog.match.confirmAll': '批量确认目录对照',
  'catalog.match.selfPay': '项目标为自费',
  'catalog.match.upload': '上传目录对照',
  'catalog.match.undo': '撤销目录对照',
  'center.limits.set': '集中库脱机限额设置',
  'center.cardFree.set': '集中库无卡结算设置',
  'center.reconcile': '集中库对账',
};

/** The action's Chinese name; an action without one reads as 其他操作 (the method stays in the tooltip). */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? '其他操作';
}

export function hasActionLabel(action: string): boolean {
  return Object.prototype.hasOwnProperty.call(ACTION_LABELS, action);
}
