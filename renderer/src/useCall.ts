// A hook for one contract call: loading state, value, error, and a reload function.
import { useCallback, useEffect, useState } from 'react';
import { api, notifySessionLost } from './api';
import type { ApiError, ApiInput, ApiMethod, ApiOutput, ApiResult } from '../../electron/api/contract';

export async function call<M extends ApiMethod>(method: M, input?: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
  const res = await (api.call as (m: M, i?: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(method, input);
  if (!res.ok && res.error.code === 'NOT_LOGGED_IN') notifySessionLost();
  return res;
}

export function useCall<M extends ApiMethod>(method: M, input?: ApiInput<M>, deps: unknown[] = []) {
  const [value, setValue] = useState<ApiOutput<M> | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    const res = await call(method, input);
    if (res.ok) {
      setValue(res.value);
      setError(undefined);
    } else setError(res.error);
    setLoading(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, JSON.stringify(input), ...deps]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, loading, reload };
}
