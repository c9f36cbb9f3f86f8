// Catalogs: 1301-1315 file downloads by version, the paged queries 1312 / 1316 / 1317 / 1318 /
// 1319, and item matching 3301 (upload) / 3302 (withdrawal).
import { addDays } from '../../core/time';
import type { CatalogNo, Truth } from './catalog/model';
import { firstSince, type CatalogStore } from './catalog/store';
import { one, rows, type Ctx, type Handler } from './context';
import { refuse, where } from './errors';
import type { Row } from './fields';
import { newFileRef } from './handlers-session';
import { poolRegion } from './rules';

export const catalogFile: Handler = (c) => {
  const cat = c.infno as CatalogNo;
  const store = c.catalog();
  const v = store.nextVersion(cat, one(c, 'data').ver);
  const n = v ? v.n : -1;
  const ref = newFileRef(c, `${cat}|${n}`);
  c.books.putFile(ref.no, { filename: ref.filename, expiresMs: c.atMs + c.cfg.fileTtlMs, institution: c.institution.code, catalog: { cat, n, generation: store.generation } }, c.atMs);
  return { file_qury_no: ref.no, filename: ref.filename, dld_end_time: addDays(c.day, 1), data_cnt: v ? store.rowsOf(cat, n).length : 0 };
};

interface Page {
  num: number;
  size: number;
}

function pageOf(c: Ctx, d: Row): Page {
  const num = Number(d.page_num);
  const size = Number(d.page_size);
  const at = where(c.infno, 'data');
  if (!Number.isInteger(num) || num < 1) refuse(`${at}当前页数(page_num)必须大于等于1`);
  if (!Number.isInteger(size) || size < 1 || size > 1000) refuse(`${at}本页数据量(page_size)必须在1到1000之间`);
  return { num, size };
}

/** The page wrapper real answers carry (pageNum, recordCounts, data[] …). */
function paged<T>(all: T[], p: Page, render: (x: T) => Record<string, unknown>): Record<string, unknown> {
  const pages = Math.ceil(all.length / p.size);
  const start = (p.num - 1) * p.size;
  const data = all.slice(start, start + p.size).map(render);
  return { pageNum: p.num, pageSize: p.size, size: data.length, startRow: data.length ? start + 1 : 0, firstPage: 1, lastPage: Math.max(1, pages), recordCounts: all.length, pages, data };
}

const audit = (updt: string) => ({ crter_id: 'sys', crter_name: '系统', crte_time: updt, crte_optins_no: null, opter_id: 'sys', opter_name: '系统', opt_time: updt, optins_no: null });

/** The truth periods updated since a day, with each period's end (the next period's start - 1). */
function periodsSince(store: CatalogStore, d: Row, keep: (t: Truth) => boolean): { t: Truth; end: string | null }[] {
  const out: { t: Truth; end: string | null }[] = [];
  const log = store.truthLog;
  for (let i = firstSince(log, `${d.updt_time} 00:00:00`); i < log.length; i++) {
    const t = log[i];
    if (d.hilist_code && t.code !== d.hilist_code) continue;
    if (!keep(t) || !store.isCurrent(t)) continue;
    const periods = store.periods(t.code);
    const next = periods[periods.indexOf(t) + 1];
    const end = next ? addDays(next.from, -1) : null;
    if (d.query_date && (t.from > d.query_date || (end !== null && end < d.query_date))) continue;
    out.push({ t, end });
  }
  return out;
}

export const hilistQuery: Handler = (c) => {
  const d = one(c, 'data');
  const p = pageOf(c, d);
  const store = c.catalog();
  const region = poolRegion(c.institution.region);
  const list = periodsSince(store, d, (t) => {
    const it = store.item(t.code)!;
    return (!d.chrgitm_lv || t.lv === d.chrgitm_lv) && (!d.med_chrgitm_type || t.chrgType === d.med_chrgitm_type) && (!d.list_type || it.listType === d.list_type) && (!d.hilist_name || it.name.includes(d.hilist_name));
  });
  return paged(list, p, ({ t, end }) => {
    const it = store.item(t.code)!;
    return {
      hilist_code: t.code, hilist_name: it.name, insu_admdvs: region, begndate: t.from, enddate: end, med_chrgitm_type: t.chrgType, chrgitm_lv: t.lv,
      lmt_used_flag: '0', list_type: it.listType, med_use_flag: '1', matn_used_flag: '0', hilist_use_type: '1', lmt_cpnd_type: '0', wubi: null,
      pinyin: it.d.py ?? null, memo: null, vali_flag: it.valid ? '1' : '0', rid: t.rid, updt_time: t.updt, ...audit(t.updt), poolarea_no: region,
    };
  });
};

export const capQuery: Handler = (c) => {
  const d = one(c, 'data');
  const store = c.catalog();
  const region = poolRegion(c.institution.region);
  const list = periodsSince(store, d, (t) => t.cap !== '');
  return paged(list, pageOf(c, d), ({ t, end }) => ({
    hilist_code: t.code, hilist_lmtpric_type: '1', overlmt_dspo_way: '1', insu_admdvs: region, begndate: t.from, enddate: end,
    hilist_pric_uplmt_amt: Number(t.cap).toFixed(2), vali_flag: '1', rid: t.rid, updt_time: t.updt, ...audit(t.updt), tabname: null, poolarea_no: region,
  }));
};

export const selfpayQuery: Handler = (c) => {
  const d = one(c, 'data');
  const store = c.catalog();
  const region = poolRegion(c.institution.region);
  const list = periodsSince(store, d, (t) => t.lv === '02');
  return paged(list, pageOf(c, d), ({ t, end }) => ({
    hilist_code: t.code, selfpay_prop_psn_type: '0', selfpay_prop_type: '1', insu_admdvs: region, begndate: t.from, enddate: end,
    selfpay_prop: t.prop, vali_flag: '1', rid: t.rid, updt_time: t.updt, ...audit(t.updt), tabname: null, poolarea_no: region,
  }));
};

export const listMatchQuery: Handler = (c) => {
  const d = one(c, 'data');
  const store = c.catalog();
  const region = poolRegion(c.institution.region);
  const list: { code: string; updt: string }[] = [];
  for (let i = firstSince(store.itemLog, `${d.updt_time} 00:00:00`); i < store.itemLog.length; i++) {
    const e = store.itemLog[i];
    const it = store.item(e.code)!;
    if (it.updt !== e.updt || !it.listType) continue;
    if ((d.hilist_code && it.code !== d.hilist_code) || (d.medins_list_codg && it.code !== d.medins_list_codg)) continue;
    if ((d.list_type && it.listType !== d.list_type) || (d.vali_flag && (it.valid ? '1' : '0') !== d.vali_flag)) continue;
    list.push(e);
  }
  return paged(list, pageOf(c, d), (e) => {
    const it = store.item(e.code)!;
    return { med_list_codg: it.code, hilist_code: it.code, list_type: it.listType, insu_admdvs: region, begndate: it.begndate, enddate: it.enddate || null, memo: null, vali_flag: it.valid ? '1' : '0', rid: it.rid, updt_time: it.updt, ...audit(it.updt), poolarea_no: region };
  });
};

export const matchQuery: Handler = (c) => {
  const d = one(c, 'data');
  if (d.fixmedins_code && d.fixmedins_code !== c.institution.code) refuse(`${where(c.infno, 'data')}定点医药机构编号(fixmedins_code)与报文头不一致`);
  const region = poolRegion(c.institution.region);
  const list = c.matching.list(c.institution.code, `${d.updt_time} 00:00:00`).filter(
    (m) => (!d.medins_list_codg || m.fixmedins_hilist_id === d.medins_list_codg) && (!d.med_list_codg || m.med_list_codg === d.med_list_codg) &&
      (!d.list_type || m.list_type === d.list_type) && (!d.medins_list_name || m.fixmedins_hilist_name.includes(d.medins_list_name)) &&
      (d.vali_flag ? m.vali_flag === d.vali_flag : m.vali_flag === '1'),
  );
  return paged(list, pageOf(c, d), (m) => ({
    fixmedins_code: m.fixmedins_code, medins_list_codg: m.fixmedins_hilist_id, medins_list_name: m.fixmedins_hilist_name, insu_admdvs: region,
    list_type: m.list_type, med_list_codg: m.med_list_codg, begndate: m.begndate, enddate: m.enddate || null, memo: null, vali_flag: m.vali_flag,
    rid: m.rid, updt_time: m.updt_time, ...audit(m.updt_time),
  }));
};

export const matchUpload: Handler = (c) => {
  const list = rows(c, 'data');
  const store = c.catalog();
  const seen = new Set<string>();
  list.forEach((r, i) => {
    const at = where(c.infno, 'data', i);
    const it = store.item(r.med_list_codg);
    if (!it || !it.listType) refuse(`${at}医疗目录编码(med_list_codg)${r.med_list_codg}不在医保目录中`);
    if (!it.valid) refuse(`${at}医疗目录编码(med_list_codg)${r.med_list_codg}已失效`);
    if (it.listType !== r.list_type) refuse(`${at}目录类别(list_type)${r.list_type}与医疗目录编码的类别${it.listType}不符`);
    const key = `${r.fixmedins_hilist_id}|${r.list_type}`;
    if (seen.has(key)) refuse(`${at}定点医药机构目录编号(fixmedins_hilist_id)${r.fixmedins_hilist_id}在本次上传中重复`);
    seen.add(key);
    const m = c.matching.get(c.institution.code, r.fixmedins_hilist_id, r.list_type);
    if (m?.vali_flag === '1' && m.med_list_codg !== r.med_list_codg) refuse(`${at}定点医药机构目录编号(fixmedins_hilist_id)${r.fixmedins_hilist_id}已对照到${m.med_list_codg}，请先撤销(3302)`);
  });
  for (const r of list) {
    const m = c.matching.get(c.institution.code, r.fixmedins_hilist_id, r.list_type);
    if (m?.vali_flag === '1') continue;
    c.matching.put({
      fixmedins_code: c.institution.code, fixmedins_hilist_id: r.fixmedins_hilist_id, fixmedins_hilist_name: r.fixmedins_hilist_name,
      list_type: r.list_type, med_list_codg: r.med_list_codg, begndate: r.begndate || c.day, enddate: r.enddate, vali_flag: '1', updt_time: c.time,
    });
  }
  return {};
};

export const matchUndo: Handler = (c) => {
  const d = one(c, 'data');
  const at = where(c.infno, 'data');
  if (d.fixmedins_code !== c.institution.code) refuse(`${at}定点医药机构编号(fixmedins_code)与报文头不一致`);
  const m = c.matching.get(c.institution.code, d.fixmedins_hilist_id, d.list_type);
  if (!m || m.vali_flag !== '1' || m.med_list_codg !== d.med_list_codg) refuse(`${at}未查询到该目录对照信息`);
  c.matching.put({ ...m, enddate: c.day, vali_flag: '0', updt_time: c.time });
  return {};
};
