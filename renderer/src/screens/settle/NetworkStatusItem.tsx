// Status bar item: 网络在线/离线 and 未上传 N 笔 (honest: every settlement the network has not
// confirmed yet). Closing the page with items unsent asks first (browser mode).
import { useEffect } from 'react';
import { useQueueStatus } from './useQueueStatus';
import { networkBadge } from './network-badge';

export function NetworkStatusItem() {
  const { status } = useQueueStatus();
  const unsent = status?.unsent ?? 0;
  useEffect(() => {
    if (unsent <= 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = `还有 ${unsent} 笔结算未上传医保，关闭后将在下次启动时继续上传。确定关闭吗？`;
      return e.returnValue;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsent]);
  if (!status) return null;
  const { text: net, hint } = networkBadge(status.online);
  const cls = status.online === false ? 'badge bad' : status.online ? 'badge ok' : 'badge';
  const plain = { color: '#1b2b3a' };
  return (
    <span className="network-status" aria-label="医保网络与上传队列">
      <span className={cls} style={status.online === null ? plain : undefined} title={hint} aria-label="医保网络状态">{net}</span>{' '}
      <span className={unsent > 0 ? 'badge warn' : 'badge'} style={unsent > 0 ? undefined : plain} title="按 Alt+2 查看待上传队列">
        未上传 {unsent} 笔{status.dead > 0 ? `（失败 ${status.dead}）` : ''}
      </span>
    </span>
  );
}
