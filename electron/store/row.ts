// Reading rows that better-sqlite3 returns untyped: the row shape, and a nullable text column.

export interface Row {
  [column: string]: unknown;
}

/** A TEXT column that may be NULL, as an optional string. */
export function optText(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : (v as string);
}
