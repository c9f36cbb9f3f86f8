// JSON read back from SQLite (a TEXT column, or one packed by packed.ts) goes through a schema,
// never a cast: a row damaged on disk, by hand or by an older build is refused with an error that
// names the table, the row and the column (Chinese for the user, English for the log) instead of
// flowing on as a wrong-typed value. Each stored shape declares its column once:
//
//   const LINES = storedJson({ table: 'settlements', tableZh: '结算单', field: 'lines', fieldZh: '费用明细' }, LinesSchema);
//   LINES.read(row.lines, row.id)
import * as v from 'valibot';
import { AppFailure } from '../core/result';
import { unpackText } from './packed';

/** Where a stored JSON value lives: its table and column, each with its Chinese name. */
export interface StoredColumn {
  table: string;
  tableZh: string;
  field: string;
  fieldZh: string;
}

export type RowId = string | number;

/** A stored JSON value that is not what its column holds. */
export class CorruptRowError extends AppFailure {
  constructor(readonly column: StoredColumn, readonly rowId: RowId, readonly problem: string) {
    super({
      code: 'STORE_CORRUPT',
      message: `本地数据损坏：${column.tableZh}（${rowId}）的${column.fieldZh}无法读取，请联系技术人员`,
      detail: `stored row corrupt: table ${column.table}, row ${rowId}, field ${column.field}: ${problem}`,
      field: column.field,
    });
    this.name = 'CorruptRowError';
  }
}

/** Where in the value the first issue is ("lines[2].amountFen"), and what it is. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  let at = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    at += typeof key === 'number' ? `[${key}]` : at ? `.${key}` : key;
  }
  // The log is English: a schema built with a Chinese message (for users) is described by its parts.
  const english = /^[\x20-\x7e]*$/.test(issue.message) ? issue.message : `Invalid ${issue.type}: Expected ${issue.expected ?? 'a valid value'} but received ${issue.received}`;
  return `${at || '(value)'}: ${english}`;
}

/** Reads one stored JSON value (text or packed) through its schema; throws CorruptRowError when it does not fit. */
export function readStored<S extends v.GenericSchema>(column: StoredColumn, schema: S, raw: unknown, rowId: RowId): v.InferOutput<S> {
  let value: unknown;
  try {
    if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) throw new Error(`not JSON text but ${raw === null ? 'NULL' : typeof raw}`);
    value = JSON.parse(unpackText(raw));
  } catch (err) {
    throw new CorruptRowError(column, rowId, `unreadable JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new CorruptRowError(column, rowId, describe(parsed.issues));
  return parsed.output;
}

/** One stored JSON column with its schema: `read` for a NOT NULL column, `readOpt` for a nullable one. */
export function storedJson<S extends v.GenericSchema>(column: StoredColumn, schema: S) {
  return {
    column,
    schema,
    read: (raw: unknown, rowId: RowId): v.InferOutput<S> => readStored(column, schema, raw, rowId),
    readOpt: (raw: unknown, rowId: RowId): v.InferOutput<S> | undefined =>
      raw === null || raw === undefined ? undefined : readStored(column, schema, raw, rowId),
  };
}

/** Pieces the stored schemas share: integer fen, a string map of them. */
export const fen = () => v.pipe(v.number(), v.safeInteger());
export const fenMap = () => v.record(v.string(), fen());

/** Any JSON object (not an array): what an unchecked reader still requires. */
export const jsonObject = () =>
  v.custom<Record<string, unknown>>(
    (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
    (issue) => `Invalid type: Expected a JSON object but received ${Array.isArray(issue.input) ? 'an array' : issue.received}`,
  );
