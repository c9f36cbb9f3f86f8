// A template unit: everything the real settle path stored for one settlement (and its
// cancellation, if it was cancelled), read back row by row from every table that holds it, with
// the strings that identify it (ids, msgids, the network's ids, the person, the day). The copier
// writes the same rows again under new values for each of them.
import type Database from 'better-sqlite3';
import { maskIdNumber, maskName, maskNumber } from '../../../electron/core/mask';
import { unpackText } from '../../../electron/store/packed';
import { TODAY } from './templates';

export type Row = Record<string, unknown>;

export interface TemplateUnit {
  kind: 'outpatient' | 'chronicOutpatient' | 'inpatient';
  cancelled: boolean;
  offline: boolean;
  /** Document ids in order: the settlement, then its cancellation. */
  docs: { id: string; receiptNo: string }[];
  personNo: string;
  visitRef: string;
  /** The template's strings the copier replaces (longest first when matched). */
  ids: { msgids: string[]; netIds: string[] };
  person: { name: string; idNumber: string; card: string };
  /** Rows by table, in insertion order. */
  rows: Record<string, Row[]>;
}

const has = (db: Database.Database, table: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);

function all(db: Database.Database, sql: string, ...args: unknown[]): Row[] {
  return db.prepare(sql).all(...args) as Row[];
}

function inList(n: number): string {
  return `(${Array.from({ length: n }, () => '?').join(', ')})`;
}

/** Reads every unit of the template store. */
export function readUnits(db: Database.Database): TemplateUnit[] {
  const docs = all(db, "SELECT id, receipt_no, kind, cancels_id, visit_ref, visit_type, person_no, person_name, id_number, cert_no, mode FROM settlements ORDER BY doc_key");
  const cancellations = new Map(docs.filter((d) => d.kind === 'cancellation').map((d) => [d.cancels_id as string, d]));
  const units: TemplateUnit[] = [];
  for (const s of docs.filter((d) => d.kind === 'settlement')) {
    const c = cancellations.get(s.id as string);
    const unitDocs = c ? [s, c] : [s];
    units.push(readUnit(db, unitDocs));
  }
  return units;
}

function readUnit(db: Database.Database, docs: Row[]): TemplateUnit {
  const s = docs[0];
  const ids = docs.map((d) => d.id as string);
  const receiptNos = docs.map((d) => d.receipt_no as string);
  const rows: Record<string, Row[]> = {};
  const take = (table: string, sql: string, ...args: unknown[]) => {
    if (has(db, table)) rows[table] = all(db, sql, ...args);
  };
  take('settlements', `SELECT * FROM settlements WHERE id IN ${inList(ids.length)} ORDER BY doc_key`, ...ids);
  take('settlement_network', `SELECT * FROM settlement_network WHERE settlement_id IN ${inList(ids.length)}`, ...ids);
  take('visit_claims', `SELECT * FROM visit_claims WHERE settlement_id IN ${inList(ids.length)}`, ...ids);
  take('outbox', `SELECT * FROM outbox WHERE settlement_id IN ${inList(ids.length)} ORDER BY id`, ...ids);
  const outboxIds = (rows.outbox ?? []).map((r) => r.id as number);
  take('outbox_msgids', `SELECT * FROM outbox_msgids WHERE outbox_id IN ${inList(outboxIds.length)} ORDER BY msgid`, ...outboxIds);
  take('cancel_requests', `SELECT * FROM cancel_requests WHERE settlement_id IN ${inList(ids.length)} ORDER BY id`, ...ids);
  const msgids = [...(rows.outbox_msgids ?? []).map((r) => r.msgid as string), ...(rows.cancel_requests ?? []).map((r) => r.msgid as string)];
  // The card read before the settlement: the person's 1101 and 5301, once per visit.
  const lookups = all(db, `SELECT * FROM network_messages WHERE infno IN ('1101', '5301') ORDER BY id`)
    .filter((m) => [m.request, m.response].some((v) => v !== null && unpackText(v as string | Buffer).includes(s.person_no as string)))
    .slice(0, 2);
  const lookupMsgids = lookups.map((r) => r.msgid as string);
  const allMsgids = [...new Set([...msgids, ...lookupMsgids])];
  take('network_msgids', `SELECT * FROM network_msgids WHERE msgid IN ${inList(allMsgids.length)} ORDER BY msgid`, ...allMsgids);
  take('network_messages', `SELECT * FROM network_messages WHERE msgid IN ${inList(allMsgids.length)} ORDER BY id`, ...allMsgids);
  take('receipts', `SELECT * FROM receipts WHERE settlement_id IN ${inList(ids.length)} ORDER BY rowid`, ...ids);
  take('receipt_prints', `SELECT * FROM receipt_prints WHERE receipt_no IN ${inList(receiptNos.length)} ORDER BY id`, ...receiptNos);
  take('his_visits', 'SELECT * FROM his_visits WHERE his_visit_id = ?', s.visit_ref);
  take('his_visit_lines', 'SELECT * FROM his_visit_lines WHERE his_visit_id = ? ORDER BY seq', s.visit_ref);
  take('settlement_differences', `SELECT * FROM settlement_differences WHERE settlement_id IN ${inList(ids.length)}`, ...ids);
  take('settlement_warnings', `SELECT * FROM settlement_warnings WHERE settlement_id IN ${inList(ids.length)} ORDER BY id`, ...ids);
  take('audit_log', `SELECT * FROM audit_log WHERE ${ids.map(() => 'summary LIKE ?').join(' OR ')} ORDER BY seq`, ...ids.map((id) => `%${id}%`));
  const netIds = (rows.settlement_network ?? []).flatMap((r) => [r.visit_id, r.net_settlement_id]).filter((v): v is string => typeof v === 'string' && v.length > 4);
  return {
    kind: s.visit_type as TemplateUnit['kind'],
    cancelled: docs.length > 1,
    offline: s.mode === 'offline',
    docs: docs.map((d) => ({ id: d.id as string, receiptNo: d.receipt_no as string })),
    personNo: s.person_no as string,
    visitRef: s.visit_ref as string,
    ids: { msgids: allMsgids, netIds: [...new Set(netIds)] },
    person: { name: s.person_name as string, idNumber: s.id_number as string, card: s.cert_no as string },
    rows,
  };
}

/** The person's own rows (cache, identification keys, year-to-date), copied once per new person. */
export function readPersonRows(db: Database.Database, personNo: string): Record<string, Row[]> {
  return {
    person_cache: all(db, 'SELECT * FROM person_cache WHERE person_no = ?', personNo),
    person_cache_keys: all(db, 'SELECT * FROM person_cache_keys WHERE person_no = ?', personNo),
    ytd: all(db, "SELECT * FROM ytd WHERE person_no = ? AND ytd_key NOT LIKE '#offline:%'", personNo),
  };
}

/** The template strings of a unit and what each is made into for one copy. */
export function templateKeys(u: TemplateUnit): string[] {
  const p = u.person;
  const keys = [
    ...u.docs.flatMap((d) => [d.id, d.receiptNo]), u.visitRef, u.personNo, p.name, p.idNumber, p.card,
    maskName(p.name), maskIdNumber(p.idNumber), maskNumber(p.card), ...u.ids.msgids, ...u.ids.netIds,
    `receipts/${TODAY.slice(0, 4)}/${TODAY.slice(5, 7)}/`, TODAY, TODAY.replace(/-/g, ''),
  ];
  return [...new Set(keys)].sort((a, b) => b.length - a.length);
}
