// Errors are values at boundaries: a code, a Chinese message for the user, English detail for logs.

export interface AppError {
  /** Stable machine code, e.g. "CARD_NOT_PRESENT", "VALIDATION". */
  code: string;
  /** What the user reads (Simplified Chinese). */
  message: string;
  /** What the log gets (English); never contains unmasked personal data. */
  detail?: string;
  /** The offending input field, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, detail?: string, field?: string): Result<T> {
  return { ok: false, error: { code, message, detail, field } };
}

/** An exception that carries an AppError, for code paths where throwing is simpler than returning. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.detail ?? error.message);
    this.name = 'AppFailure';
  }
}
