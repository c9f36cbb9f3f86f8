// The function keys of the current step, shown on screen (clickable too).
import { Key } from '../components/ui';

export interface KeyHint {
  key: string;
  label: string;
  onClick?: () => void;
}

export function KeyBar(props: { keys: KeyHint[] }) {
  return (
    <ul className="keys" aria-label="快捷键">
      {props.keys.map((k) => (
        <li key={k.key + k.label}>
          {k.onClick ? (
            <button type="button" className="keybtn" onClick={k.onClick}>
              <Key>{k.key}</Key> {k.label}
            </button>
          ) : (
            <>
              <Key>{k.key}</Key> {k.label}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
