// 9001 sign-in, 9002 sign-out, 9101 file upload, 9102 file download (the answer is the zip),
// 1201 institution query, 1901 dictionary query.
import crypto from 'node:crypto';
import { chinaDate } from '../../core/time';
import { catalogZip } from './catalog/files';
import type { CatalogNo } from './catalog/model';
import { FileAnswer, one, type Ctx, type Handler } from './context';
import { dictionaryList } from './dictionary';
import { refuse, TEXT, where } from './errors';
import { isZip } from './zip';

export const signIn: Handler = (c) => {
  const n = one(c, 'signIn');
  const signNo = c.books.nextId('sign', c.institution.region, c.stamp);
  const key = `${c.institution.code}|${n.opter_no}`;
  const prev = c.books.currentSignIn.get(key);
  if (prev) {
    const p = c.books.signIns.get(prev);
    if (p && !p.ended) p.ended = 'replaced';
  }
  c.books.signIns.set(signNo, { signNo, opterNo: n.opter_no, institution: c.institution.code, atMs: c.atMs, day: c.day });
  c.books.currentSignIn.set(key, signNo);
  return { signinoutb: { sign_no: signNo, sign_time: c.time } };
};

export const signOut: Handler = (c) => {
  const n = one(c, 'signOut');
  const s = c.books.signIns.get(n.sign_no);
  if (!s || s.institution !== c.institution.code || s.ended) refuse(`${where(c.infno, 'signOut')}签到编号(sign_no)${n.sign_no}：${TEXT.signInvalid}`);
  s.ended = 'signed out';
  return { signoutoutb: { sign_time: c.time } };
};

/** A file reference (and a file name) that do not repeat across runs of a journal. */
export function newFileRef(c: Ctx, what: string): { no: string; filename: string } {
  const n = c.books.counter('file');
  const no = `fsi/plc/${crypto.createHash('sha256').update(`${c.books.instance}|${c.cfg.seed}|${what}|${n}`).digest('hex').slice(0, 32)}`;
  return { no, filename: `${c.stamp}${c.books.instance}${String(n).padStart(6, '0')}.txt.zip` };
}

function uploadBytes(c: Ctx): Buffer {
  const node = c.raw.fsUploadIn as Record<string, unknown>;
  const v = node.in ?? (c.env.input as Record<string, unknown>).in;
  const at = where(c.infno, 'fsUploadIn');
  if (v === undefined || v === null || v === '') refuse(`${at}文件数据(in)不能为空`);
  let bytes: Buffer;
  if (typeof v === 'string') bytes = Buffer.from(v, 'base64');
  else if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) bytes = Buffer.from(v.map((b: number) => b & 0xff));
  else return refuse(`${at}文件数据(in)格式错误`);
  if (!isZip(bytes)) refuse(`${at}文件数据(in)不是有效的zip文件`);
  return bytes;
}

export const upload: Handler = (c) => {
  const n = one(c, 'fsUploadIn');
  if (n.fixmedins_code !== c.institution.code) refuse(`${where(c.infno, 'fsUploadIn')}医药机构编号(fixmedins_code)与报文头不一致`);
  const bytes = uploadBytes(c);
  const { no } = newFileRef(c, n.filename);
  const expiresMs = c.atMs + c.cfg.fileTtlMs;
  c.books.putFile(no, { filename: n.filename, expiresMs, institution: c.institution.code, bytes }, c.atMs);
  return { file_qury_no: no, filename: n.filename, fixmedins_code: n.fixmedins_code, dld_endtime: `${chinaDate(new Date(expiresMs))} 23:59:59` };
};

const zipCache = new Map<string, Buffer>();

export const download: Handler = (c) => {
  const n = one(c, 'fsDownloadIn');
  const f = c.books.files.get(n.file_qury_no);
  const plc = n.fixmedins_code === 'plc' || n.filename === 'plc';
  const mismatch = !f || f.expiresMs < c.atMs || (n.filename !== f.filename && n.filename !== 'plc');
  const owner = f && (f.catalog ? plc || n.fixmedins_code === c.institution.code : f.institution === c.institution.code && (n.fixmedins_code === c.institution.code || plc));
  if (mismatch || !owner) refuse(TEXT.fileMissing);
  if (f.catalog) {
    const store = c.catalog();
    if (f.catalog.generation !== store.generation) refuse(TEXT.fileMissing);
    const key = `${c.cfg.seed}|${f.catalog.cat}|${f.catalog.n}|${f.catalog.generation}|${f.filename}`;
    let bytes = zipCache.get(key);
    if (!bytes) {
      bytes = catalogZip(store, f.catalog.cat as CatalogNo, f.catalog.n, f.filename);
      if (zipCache.size > 16) zipCache.delete(zipCache.keys().next().value as string);
      zipCache.set(key, bytes);
    }
    return new FileAnswer(bytes, n.file_qury_no);
  }
  return new FileAnswer(f.bytes!, n.file_qury_no);
};

export const institutions: Handler = (c) => {
  const n = one(c, 'medinsinfo');
  const list = [...c.cfg.institutions.values()].filter(
    (i) => n.fixmedins_type === '1' && (!n.fixmedins_code || i.code === n.fixmedins_code) && (!n.fixmedins_name || i.name.includes(n.fixmedins_name)),
  );
  return {
    medinsinfo: list.map((i) => ({
      fixmedins_code: i.code, fixmedins_name: i.name, uscc: `12${i.region}MB${i.code.slice(-8)}`, fixmedins_type: '1',
      hosp_lv: i.level === 'township' ? '09' : i.level === 'village' ? '11' : '06',
    })),
  };
};

export const dictionary: Handler = (c) => {
  const d = one(c, 'data');
  const flag = d.valiFlag || d.vali_flag;
  if (!flag) refuse(`${where(c.infno, 'data')}有效标志(valiFlag)不能为空`);
  return { list: dictionaryList(d.type, d.date.slice(0, 10), flag) };
};
