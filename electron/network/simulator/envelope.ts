// The envelope: checks every request's header (§13.1 of the spec: required fields, msgid form,
// region and institution, the sign-in), and writes every answer's header.
import { chinaStamp } from '../../core/time';
import type { Institution, SimConfig } from './context';
import { refuse, TEXT, where } from './errors';
import { checkRow } from './fields';
import { ENVELOPE } from './schemas-core';
import type { Books } from './state';

const DAY_MS = 86_400_000;

function stampMs(stamp: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const t = new Date(utc + 8 * 3600_000);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return utc;
}

function checkMsgid(infno: string, msgid: string, code: string, cfg: SimConfig, atMs: number): void {
  const bad = () => refuse(`${where(infno)}报文头：发送方报文ID(msgid)格式错误，应为定点医药机构编号+yyyyMMddHHmmss+4位顺序号：${msgid}`);
  if (!msgid.startsWith(code)) bad();
  const rest = msgid.slice(code.length);
  const strict = cfg.msgidRule === 'strict';
  if (strict ? !/^\d{18}$/.test(rest) || msgid.length !== 30 : !/^\d{14}\d{0,4}$/.test(rest) || msgid.length < 26 || msgid.length > 30) bad();
  const ms = stampMs(rest.slice(0, 14));
  if (ms === undefined) bad();
  if (strict && Math.abs(ms! - atMs) > DAY_MS) refuse(`${where(infno)}报文头：发送方报文ID(msgid)中的时间与当前时间相差超过一天：${msgid}`);
}

export interface EnvelopeFacts {
  infno: string;
  msgid: string;
  institution: Institution;
}

/** The institution an envelope names (learned on the fly when the platform is not strict). */
export function institutionOf(env: Record<string, unknown>, cfg: SimConfig): Institution | undefined {
  const code = String(env.fixmedins_code ?? '');
  const known = cfg.institutions.get(code);
  if (known || cfg.strictInstitution || !code) return known;
  const inst: Institution = { code, name: String(env.fixmedins_name ?? code), level: 'township', region: String(env.mdtrtarea_admvs ?? '') };
  cfg.institutions.set(code, inst);
  return inst;
}

/** Checks the header; refuses with the first problem. */
export function checkEnvelope(env: Record<string, unknown>, cfg: SimConfig, books: Books, atMs: number, day: string): EnvelopeFacts {
  const infno = String(env.infno ?? '');
  const head = checkRow(ENVELOPE, env, `${where(infno)}报文头：`, day);
  const institution = institutionOf(env, cfg);
  if (!institution) refuse(`${where(infno)}报文头：定点医药机构编号(fixmedins_code)${head.fixmedins_code}不是本统筹区的定点医药机构`);
  checkMsgid(infno, head.msgid, head.fixmedins_code, cfg, atMs);
  if (head.mdtrtarea_admvs !== institution.region) refuse(`${where(infno)}报文头：就医地医保区划(mdtrtarea_admvs)${head.mdtrtarea_admvs}与定点医药机构所在区划${institution.region}不一致`);
  if (typeof env.input !== 'object' || env.input === null || Array.isArray(env.input)) refuse(`${where(infno)}交易输入(input)不能为空`);
  if (infno !== '9001') checkSignIn(infno, head.sign_no, institution.code, books, cfg, atMs, day);
  return { infno, msgid: head.msgid, institution };
}

function checkSignIn(infno: string, signNo: string, inst: string, books: Books, cfg: SimConfig, atMs: number, day: string): void {
  if (!signNo) refuse(`${where(infno)}报文头：未签到，交易签到流水号(sign_no)不能为空`);
  const s = books.signIns.get(signNo);
  if (!s || s.institution !== inst || s.ended || s.day !== day || atMs - s.atMs > cfg.signInTtlMs) refuse(TEXT.signInvalid);
}

/** An answer's header and body, as the platform writes them (output absent on a refusal). */
export function answerText(region: string, seq: string, at: Date, output: unknown, errMsg: string | null): string {
  const stamp = chinaStamp(at);
  const ms = String(at.getUTCMilliseconds()).padStart(3, '0');
  const head = {
    infcode: errMsg === null ? 0 : -1, inf_refmsgid: `${(region || '000000').slice(0, 6).padEnd(6, '0')}${stamp}${seq}`,
    refmsg_time: `${stamp}${ms}`, respond_time: `${stamp}${ms}`, err_msg: errMsg, warn_msg: null, cainfo: null, signtype: null, enctype: null,
  };
  return JSON.stringify(errMsg === null ? { ...head, output } : head);
}
