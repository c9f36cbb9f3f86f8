// Status bar item: who is logged in, and the lock button (Ctrl+L).
import { useSession, requestLock, ROLE_NAMES } from './session';

export function OperatorStatus() {
  const s = useSession();
  if (!s) return null;
  return (
    <span className="operator-status">
      <span aria-label="当前操作员">
        {s.operatorName}（{ROLE_NAMES[s.role]}）
      </span>
      <button type="button" className="lock-button" onClick={requestLock} title="锁定窗口（Ctrl+L）">
        锁屏 Ctrl+L
      </button>
    </span>
  );
}
