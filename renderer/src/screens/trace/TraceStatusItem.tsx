// Status bar item: 追溯码被拒 N, shown only while sale records the network refused wait for the
// pharmacy (Alt+9). Polled every 15 s through the API object directly, so polling while the
// window is locked does not end the session.
import { useEffect, useState } from 'react';
import { api } from '../../api';

export function TraceStatusItem() {
  const [rejected, setRejected] = useState(0);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const res = await api.call('trace.uploads', { states: ['rejected'] });
      if (!alive) return;
      if (res.ok) setRejected(res.value.length);
      timer = setTimeout(load, 15_000);
    };
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, []);
  if (!rejected) return null;
  return <span className="badge bad" title="按 Alt+9 查看药品追溯码日报" data-testid="trace-rejected">追溯码被拒 {rejected} 条</span>;
}
