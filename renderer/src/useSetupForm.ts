// The setup panels' form: load the current setup with one call, edit a copy, save it with
// another, and say what happened (已保存, or the refusal's Chinese message). Every setup panel
// had this logic written out again; this is it once.
import { useEffect, useState } from 'react';
import type { ApiError, ApiInput, ApiMethod, ApiOutput } from '../../electron/api/contract';
import { call, useCall } from './useCall';

export interface SetupFormOptions<G extends ApiMethod, S extends ApiMethod, F> {
  /** The form from the loaded setup (default: the setup itself). */
  toForm?: (value: ApiOutput<G>) => F;
  /** The save call's input from the form (default: the form itself), or a message refusing it before the call. */
  toInput?: (form: F) => ApiInput<S> | { refuse: string };
  /** The form after a save (default: as it was), e.g. from the setup as the app stored it. */
  afterSave?: (saved: ApiOutput<S>, form: F) => F;
  /** Load the form once only: a reload (after a save or another action) leaves edits alone. */
  loadOnce?: boolean;
}

export interface SetupForm<G extends ApiMethod, S extends ApiMethod, F> {
  /** The form being edited; undefined until the setup is loaded. */
  form: F | undefined;
  /** Changes some fields (and clears the last save's message and error). */
  edit(patch: Partial<F>): void;
  /** Saves the form; true when the app took it. */
  save(): Promise<boolean>;
  /** The form was saved and not changed since. */
  saved: boolean;
  /** Why the last save (or the load) failed, in Chinese. */
  error: string | ApiError | undefined;
  /** The load call (its value, error and reload). */
  current: ReturnType<typeof useCall<G>>;
  /** Last saved value, as the app answered it. */
  result: ApiOutput<S> | undefined;
}

export function useSetupForm<G extends ApiMethod, S extends ApiMethod, F = ApiOutput<G>>(
  get: G, set: S, opts: SetupFormOptions<G, S, F> = {},
): SetupForm<G, S, F> {
  const current = useCall(get);
  const [form, setForm] = useState<F | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState<ApiOutput<S> | undefined>();
  useEffect(() => {
    if (current.value === undefined) return;
    setForm((prior) => (opts.loadOnce && prior !== undefined ? prior : opts.toForm ? opts.toForm(current.value!) : (current.value as F)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.value]);

  const edit = (patch: Partial<F>) => {
    setSaved(false);
    setError(undefined);
    setForm((f) => (f === undefined ? f : { ...f, ...patch }));
  };

  const save = async (): Promise<boolean> => {
    if (form === undefined) return false;
    const input = opts.toInput ? opts.toInput(form) : (form as unknown as ApiInput<S>);
    if (input && typeof input === 'object' && 'refuse' in input && typeof input.refuse === 'string') {
      setError(input.refuse);
      return false;
    }
    const res = await call(set, input as ApiInput<S>);
    if (!res.ok) {
      setSaved(false);
      setError(res.error.message);
      return false;
    }
    setError(undefined);
    setSaved(true);
    setResult(res.value);
    if (opts.afterSave) setForm(opts.afterSave(res.value, form));
    return true;
  };

  return { form, edit, save, saved, error: error ?? current.error, current, result };
}
