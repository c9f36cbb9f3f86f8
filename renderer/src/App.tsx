// The shell: a title bar, F-key navigation, the active screen, and a status bar.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { SCREENS, type ScreenDef } from './screens/registry';
import { GATE, STATUS_ITEMS, type SessionView } from './shell/slots';
import { Key } from './components/ui';
import type { Role } from '../../electron/api/contract';

const RANK: Record<Role, number> = { cashier: 1, technician: 2, administrator: 3 };

function visibleScreens(session: SessionView | undefined): ScreenDef[] {
  return SCREENS.filter((s) => !s.minRole || (session && RANK[session.role] >= RANK[s.minRole]));
}

function Shell(props: { session: SessionView | undefined }) {
  const screens = useMemo(() => visibleScreens(props.session), [props.session]);
  const [active, setActive] = useState(screens[0]?.id ?? 'home');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const combo = (e.ctrlKey ? 'Ctrl+' : '') + (e.altKey ? 'Alt+' : '') + e.key;
      const target = screens.find((s) => s.hotkey === combo);
      if (target) {
        e.preventDefault();
        setActive(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens]);
  const screen = screens.find((s) => s.id === active) ?? screens[0];
  const Body = screen.component;
  return (
    <div className="shell">
      <header className="titlebar">
        <h1>一站式结算窗口</h1>
        <div className="status-items">
          {STATUS_ITEMS.map((Item, i) => (
            <Item key={i} />
          ))}
        </div>
      </header>
      <nav className="mainnav" aria-label="功能">
        {screens.map((s) => (
          <button key={s.id} className={s.id === screen.id ? 'active' : ''} onClick={() => setActive(s.id)} aria-keyshortcuts={s.hotkey}>
            <Key>{s.hotkey}</Key>
            <span>{s.title}</span>
          </button>
        ))}
      </nav>
      <main className="content" aria-label={screen.title}>
        <Body navigate={setActive} />
      </main>
    </div>
  );
}

export function App(): ReactNode {
  const Gate = GATE.current;
  if (!Gate) return <Shell session={undefined} />;
  return <Gate>{(session) => <Shell session={session} />}</Gate>;
}
