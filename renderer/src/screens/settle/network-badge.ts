// The header badge's words and hint for the network state (null: not yet talked to: at startup the
// watch probes within seconds, so the badge says it is checking instead of a bare "unknown").
export function networkBadge(online: boolean | null): { text: string; hint: string } {
  if (online === null) return { text: '网络状态未知（正在检测）', hint: '尚未与医保网络通信：几秒内自动检测；也可在 系统设置 → 医保网络 点“测试签到”' };
  if (online) return { text: '医保网络在线', hint: '医保网络可以访问，结算实时上传' };
  return { text: '医保网络离线', hint: '医保网络无法访问：可以脱机结算，网络恢复后自动上传（每隔几秒自动重试连接）' };
}
