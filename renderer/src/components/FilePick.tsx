// Choosing a file for a technician's chore (policy import, restore) without typing a path: in
// Electron the native open dialog; in browser mode the browser's file chooser, whose file is
// uploaded into the app's data folder (POST /upload/<kind>). Either way `onFile` gets a path the
// services can read, with the name to show.
import { useRef, useState } from 'react';
import { getSessionToken } from '../api';
import { SESSION_HEADER } from '../../../electron/api/contract';

type Kind = 'policy' | 'backup';
interface Picker {
  pickFile?(kind: Kind): Promise<string | null>;
}

const bridge = (window as unknown as { settleApi?: Picker }).settleApi;

async function upload(kind: Kind, file: File): Promise<{ file: string } | { error: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  const token = getSessionToken();
  if (token) headers[SESSION_HEADER] = token;
  try {
    const res = await fetch(`/upload/${kind}`, { method: 'POST', headers, body: file });
    const body = (await res.json()) as { ok: boolean; value?: { file: string }; error?: { message: string } };
    return body.ok && body.value ? body.value : { error: body.error?.message ?? '上传失败' };
  } catch {
    return { error: '上传失败：无法连接结算服务' };
  }
}

export function FilePick(props: { kind: Kind; label: string; onFile(path: string, shownName: string): void; onError(message: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  if (bridge?.pickFile) {
    const pick = async () => {
      const p = await bridge.pickFile!(props.kind);
      if (p) props.onFile(p, p.split(/[\\/]/).pop() ?? p);
    };
    return <button type="button" onClick={() => void pick()}>{props.label}</button>;
  }
  const chosen = async (f: File | undefined) => {
    if (!f) return;
    setBusy(true);
    const r = await upload(props.kind, f);
    setBusy(false);
    if (input.current) input.current.value = '';
    if ('error' in r) props.onError(r.error);
    else props.onFile(r.file, f.name);
  };
  return (
    <label className="file-pick">
      <span className="field-label">{props.label}{busy ? '（正在上传…）' : ''}</span>
      <input ref={input} type="file" accept={props.kind === 'policy' ? '.json,application/json' : undefined} aria-label={props.label}
        disabled={busy} onChange={(e) => void chosen(e.target.files?.[0])} />
    </label>
  );
}
