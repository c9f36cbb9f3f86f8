import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call } from './useCall';
import { syncClock } from './clock';
import './styles.css';

// The business day is the services' (China time), not this PC's: take their clock first.
void call('app.info')
  .then((r) => { if (r.ok) syncClock(r.value.now); })
  .catch(() => undefined)
  .finally(() => createRoot(document.getElementById('root')!).render(<App />));
