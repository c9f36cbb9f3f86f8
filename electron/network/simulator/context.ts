// What every transaction handler receives, and the small readers and lookups they share.
import { Dec, fmt } from '../../core/money';
import type { CatalogStore } from './catalog/store';
import { refuse, TEXT, where } from './errors';
import type { Row } from './fields';
import type { Matchings } from './matching';
import type { PlatformPerson } from './persons';
import type { Level } from './rules';
import type { AnswerShape } from './shapes';
import type { Books, Visit } from './state';
import type { TraceBook } from './trace';

export interface Institution {
  code: string;
  name: string;
  level: Level;
  region: string;
}

export interface SimConfig {
  seed: number;
  institutions: Map<string, Institution>;
  /** Refuse institutions the platform does not know (default true). */
  strictInstitution: boolean;
  signInTtlMs: number;
  tokenTtlMs: number;
  /** strict: 30 characters = institution + yyyyMMddHHmmss + 4 digits; loose: 26-30. */
  msgidRule: 'strict' | 'loose';
  fileTtlMs: number;
  traceCodePattern: RegExp;
  /** Refuse 2204/2301 lines whose HIS code is not matched (3301) to the national code. */
  requireMatching: boolean;
  /** Endpoint variants of the answers (amounts as numbers, empty or absent fund rows). */
  answerShape?: AnswerShape;
}

/** A 9102 answer: the file itself, never an envelope. */
export class FileAnswer {
  constructor(readonly bytes: Buffer, readonly fileQuryNo: string) {}
}

export type Output = Record<string, unknown> | FileAnswer;

export interface Ctx {
  books: Books;
  catalog: () => CatalogStore;
  matching: Matchings;
  trace: TraceBook;
  cfg: SimConfig;
  infno: string;
  msgid: string;
  env: Record<string, unknown>;
  at: Date;
  atMs: number;
  /** China business day yyyy-MM-dd, time yyyy-MM-dd HH:mm:ss, stamp yyyyMMddHHmmss. */
  day: string;
  time: string;
  stamp: string;
  year: number;
  month: number;
  institution: Institution;
  nodes: Record<string, Row | Row[]>;
  raw: Record<string, unknown>;
}

export type Handler = (c: Ctx) => Output;

export function one(c: Ctx, node: string): Row {
  const n = c.nodes[node];
  return (Array.isArray(n) ? n[0] : n) ?? {};
}

export function rows(c: Ctx, node: string): Row[] {
  const n = c.nodes[node];
  return Array.isArray(n) ? n : n ? [n] : [];
}

/** Amount as the platform answers it: a two-decimal string. */
export const money = (d: Dec): string => fmt(d);

export const dec = (s: string): Dec => new Dec(s || '0');

export function personOf(c: Ctx, psnNo: string, node = 'data'): PlatformPerson {
  const p = c.books.persons.get(psnNo);
  if (!p) refuse(`${where(c.infno, node)}人员编号(psn_no)${psnNo}：${TEXT.personNotFound}`);
  return p;
}

/** The visit, checked to be the person's and at this institution. */
export function visitOf(c: Ctx, mdtrtId: string, psnNo: string, node = 'data'): Visit {
  const v = c.books.visits.get(mdtrtId);
  if (!v || v.institution !== c.institution.code) refuse(`${where(c.infno, node)}就诊ID(mdtrt_id)${mdtrtId}不存在`);
  if (v.psnNo !== psnNo) refuse(`${where(c.infno, node)}就诊ID(mdtrt_id)${mdtrtId}与人员编号(psn_no)${psnNo}不符`);
  return v;
}

export function openVisit(c: Ctx, mdtrtId: string, psnNo: string, node = 'data'): Visit {
  const v = visitOf(c, mdtrtId, psnNo, node);
  if (v.state === 'cancelled') refuse(`${where(c.infno, node)}就诊ID(mdtrt_id)${mdtrtId}已撤销`);
  return v;
}

/** The person's insurance row of a type, active (psn_insu_stas 1) on `day`. */
export function activeRow(p: PlatformPerson, insutype: string, day: string) {
  const row = p.insu.find((r) => r.insutype === insutype);
  if (!row) return { row: undefined, why: `人员无险种${insutype}的参保信息` };
  if (row.psn_insu_stas !== '1') return { row, why: `参保状态为${row.psn_insu_stas === '4' ? '中断缴费' : row.psn_insu_stas === '2' ? '暂停参保' : '终止参保'}${row.paus_insu_date ? `（${row.paus_insu_date}起）` : ''}，不享受待遇` };
  if (row.psn_insu_date > day) return { row, why: `参保开始日期${row.psn_insu_date}晚于就诊日期` };
  return { row, why: '' };
}

/** Identity codes valid at `time` (yyyy-MM-dd HH:mm:ss). */
export function identitiesAt(p: PlatformPerson, time: string): string[] {
  return p.idet.filter((r) => r.begntime <= time && (!r.endtime || time <= r.endtime)).map((r) => r.psn_idet_type);
}

export function ageAt(brdy: string, day: string): string {
  let a = Number(day.slice(0, 4)) - Number(brdy.slice(0, 4));
  if (day.slice(5) < brdy.slice(5)) a -= 1;
  return `${a}.0`;
}
