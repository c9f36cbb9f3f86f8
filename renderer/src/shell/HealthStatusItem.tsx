// Status bar item: problems the whole window must see until they are gone (a damaged database, a
// full disk), in plain Chinese, red. Polls app.health; shows nothing while all is well.
import { useEffect, useState } from 'react';
import type { HealthView } from '../../../electron/api/contract';
import { call } from '../useCall';

const POLL_MS = 15_000;

export function HealthStatusItem() {
  const [problems, setProblems] = useState<HealthView['problems']>([]);
  useEffect(() => {
    let live = true;
    const poll = async () => {
      const res = await call('app.health');
      if (live && res.ok) setProblems(res.value.problems);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!problems.length) return null;
  return (
    <span role="alert" aria-label="系统故障" data-testid="health-problems">
      {problems.map((p) => (
        <span key={p.code} className="badge bad" title={p.message} style={{ whiteSpace: 'normal', maxWidth: 520 }}>
          {p.message}
        </span>
      ))}
    </span>
  );
}
