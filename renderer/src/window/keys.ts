// Screen-level function keys: handled in the capture phase so the workflow's keys win over the
// shell's navigation while the screen is open; each step declares the keys it shows.
import { useEffect, useRef } from 'react';

export type KeyMap = Record<string, (() => void) | undefined>;

export function useKeys(map: KeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      const fn = ref.current[e.key];
      if (!fn) return;
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [enabled]);
}

/** Moves a selection index with the arrow keys inside a list (returns the onKeyDown handler). */
export function listKeys(count: number, index: number, set: (i: number) => void, onEnter?: () => void) {
  return (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      set(Math.min(count - 1, index + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      set(Math.max(0, index - 1));
    } else if (e.key === 'Enter' && onEnter) {
      e.preventDefault();
      onEnter();
    }
  };
}
