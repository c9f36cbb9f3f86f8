// The gate in front of the shell: first start creates the administrator, then login; the window
// locks after the idle time (or Ctrl+L) and asks for the password again, keeping the work on screen.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../electron/api/contract';
import { onSessionLost, setSessionToken } from '../api';
import { call } from '../useCall';
import { onLockRequest, setCurrentSession } from './session';
import { ChangePasswordForm, CreateAdminForm, LoginForm } from './LoginForms';
import './window.css';

type Phase = { kind: 'loading' } | { kind: 'create' } | { kind: 'login' } | { kind: 'in'; session: SessionInfo; locked: boolean };

function useIdleTimer(minutes: number, active: boolean, onIdle: () => void) {
  const last = useRef(Date.now());
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const bump = () => (last.current = Date.now());
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, bump, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) onIdle();
    }, 5_000);
    return () => {
      for (const e of events) window.removeEventListener(e, bump);
      clearInterval(timer);
    };
  }, [minutes, active, onIdle]);
}

export function LoginGate(props: { children: (session: SessionInfo | undefined) => ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [idleMinutes, setIdleMinutes] = useState(15);
  const [error, setError] = useState<string>();
  const refresh = useCallback(async () => {
    const res = await call('auth.state');
    if (!res.ok) return setError(res.error.message);
    setIdleMinutes(res.value.idleMinutes);
    if (!res.value.hasOperators) return setPhase({ kind: 'create' });
    if (res.value.session) {
      setCurrentSession(res.value.session);
      return setPhase({ kind: 'in', session: res.value.session, locked: false });
    }
    setSessionToken(undefined);
    setPhase({ kind: 'login' });
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const lock = useCallback(() => {
    setPhase((p) => (p.kind === 'in' && !p.locked ? { ...p, locked: true } : p));
    void call('auth.logout').finally(() => setSessionToken(undefined));
  }, []);
  useEffect(() => onSessionLost(() => setPhase((p) => (p.kind === 'in' ? { ...p, locked: true } : p))), []);
  useEffect(() => onLockRequest(lock), [lock]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && (e.key === 'l' || e.key === 'L')) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);
  useIdleTimer(idleMinutes, phase.kind === 'in' && !phase.locked, lock);

  const signedIn = (token: string, session: SessionInfo, idle: number) => {
    setSessionToken(token);
    setCurrentSession(session);
    setIdleMinutes(idle);
    setPhase({ kind: 'in', session, locked: false });
  };

  if (phase.kind === 'loading') return <div className="gate">{error ? <p className="error-line">{error}</p> : '正在连接…'}</div>;
  if (phase.kind === 'create') return <CreateAdminForm onDone={signedIn} />;
  if (phase.kind === 'login') return <LoginForm onDone={signedIn} />;
  if (phase.session.mustChangePassword && !phase.locked) {
    const session = phase.session;
    const changed = () => {
      const next = { ...session, mustChangePassword: undefined };
      setCurrentSession(next);
      setPhase({ kind: 'in', session: next, locked: false });
    };
    const logout = () => void call('auth.logout').finally(() => ((setSessionToken(undefined), setCurrentSession(undefined), setPhase({ kind: 'login' }))));
    return <ChangePasswordForm session={session} onDone={changed} onLogout={logout} />;
  }
  return (
    <>
      <div className="gate-shell" inert={phase.locked ? true : undefined} aria-hidden={phase.locked || undefined}>
        {props.children(phase.session)}
      </div>
      {phase.locked ? (
        <div className="lock-overlay" role="dialog" aria-modal="true" aria-label="窗口已锁定">
          <LoginForm
            locked={phase.session}
            onDone={signedIn}
            onSwitch={() => {
              // Another operator takes over: the previous operator's work on screen is dropped.
              setCurrentSession(undefined);
              setPhase({ kind: 'login' });
            }}
          />
        </div>
      ) : null}
    </>
  );
}
