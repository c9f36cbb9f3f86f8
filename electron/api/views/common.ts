// Shared wire types of the API contract. View types of the API contract (electron/api/contract.ts); pure types.

export type Money = string;
export type Role = 'cashier' | 'technician' | 'administrator';
export type FacilityLevel = 'village' | 'township' | 'county' | 'city' | 'province';

export interface ApiError {
  code: string;
  /** Chinese, for the user. */
  message: string;
  field?: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
