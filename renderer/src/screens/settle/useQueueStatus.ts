// The outbox status, polled (every 3 s; every second while draining). Uses the API object
// directly so that polling while the window is locked does not end the session.
import { useEffect, useState } from 'react';
import type { QueueStatusView } from '../../../../electron/api/contract';
import { api } from '../../api';

export function useQueueStatus(): { status?: QueueStatusView; refresh(): void } {
  const [status, setStatus] = useState<QueueStatusView | undefined>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const res = await api.call('queue.status');
      if (!alive) return;
      if (res.ok) setStatus(res.value);
      timer = setTimeout(load, res.ok && res.value.draining ? 1000 : 3000);
    };
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [tick]);
  return { status, refresh: () => setTick((t) => t + 1) };
}
