// The technicians' setup screen: a list of sections on the left, the chosen panel on the right.
import { useEffect, useRef, useState } from 'react';
import { SETUP_SECTIONS } from './setup-sections';
import type { ScreenProps } from './registry';

export function SetupScreen(_props: ScreenProps) {
  const [active, setActive] = useState(SETUP_SECTIONS[0].id);
  const section = SETUP_SECTIONS.find((s) => s.id === active) ?? SETUP_SECTIONS[0];
  const Body = section.component;
  // Opened with F12: the cursor goes to the section list (arrows/Tab from there), never to <body>.
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    nav.current?.querySelector<HTMLButtonElement>('button.active')?.focus();
  }, []);
  return (
    <div className="setup">
      <nav className="setup-nav" aria-label="设置项目" ref={nav}>
        {SETUP_SECTIONS.map((s) => (
          <button key={s.id} className={s.id === active ? 'active' : ''} onClick={() => setActive(s.id)}>
            {s.title}
          </button>
        ))}
      </nav>
      <div className="setup-body">
        <Body />
      </div>
    </div>
  );
}
