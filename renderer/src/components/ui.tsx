// Small shared UI pieces: panels, a field row, an error line, a money cell.
import type { ReactNode } from 'react';
import type { ApiError } from '../../../electron/api/contract';
import { yuan } from '../format';

export function Panel(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-label={props.title}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

export function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
    </label>
  );
}

export function ErrorLine(props: { error?: ApiError | string | null }) {
  if (!props.error) return null;
  const text = typeof props.error === 'string' ? props.error : props.error.message;
  return (
    <p className="error-line" role="alert">
      {text}
    </p>
  );
}

export function Notice(props: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {props.children}
    </p>
  );
}

export function Money(props: { value?: string; strong?: boolean }) {
  return <span className={props.strong ? 'money strong' : 'money'}>{yuan(props.value)}</span>;
}

export function Key(props: { children: ReactNode }) {
  return <kbd className="key">{props.children}</kbd>;
}
