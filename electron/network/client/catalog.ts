// Catalogs, dictionaries and item matching (NETWORK-SPEC §3.4, §5): the file catalogs 1301-1315
// (a file reference, then the zip by 9102), the paged queries 1312 / 1316-1319, the 1901
// dictionaries and the matching upload 3301 / withdrawal 3302. Functions over the client's own
// transport (its envelope, sign-in, msgids, message log and 9102 zip reading): `send` and
// `download9102` of any NetworkClient. They read every variant the spec lists and return plain
// rows; what is kept and how is the catalog area's business.
import type { Answer, NetworkClient, SendOptions } from './index';
import { BadResponseError } from './errors';
import { wireString } from './parse';

/** The part of the client these calls use. */
export type CatalogTransport = Pick<NetworkClient, 'send' | 'download9102'>;

/** What 13xx answers: the file to fetch by 9102. */
export interface CatalogFileRef {
  fileQueryNo: string;
  filename: string;
  /** data_cnt (S3: data_cn): rows in the file, when sent. */
  count: number | undefined;
  /** dld_end_time: the last day the file can be fetched. */
  downloadUntil: string;
}

/** 1301-1311, 1313-1315 (and 1320/1321): the file of the rows after version `ver` ("0" = from the start). */
export async function catalogFile(client: CatalogTransport, infno: string, ver: string, opts?: SendOptions): Promise<Answer<CatalogFileRef>> {
  const { output, meta } = await client.send(infno, { data: { ver: ver || '0' } }, opts);
  const o = (output.fileinfo && typeof output.fileinfo === 'object' ? output.fileinfo : output) as Record<string, unknown>;
  const fileQueryNo = wireString(o.file_qury_no);
  const filename = wireString(o.filename);
  if (!fileQueryNo || !filename) throw new BadResponseError(infno, meta.msgid, 'output.file_qury_no / filename is missing');
  const cnt = wireString(o.data_cnt ?? o.data_cn);
  return {
    fileQueryNo, filename, count: /^\d+$/.test(cnt) ? Number(cnt) : undefined,
    downloadUntil: wireString(o.dld_end_time ?? o.dld_endtime), meta,
  };
}

/**
 * The rows of a catalog file (9102; every client sends `plc` as the owner of catalog files): the
 * text split on tabs, `null` read as empty, lines with fewer than 6 fields skipped (§3.4).
 */
export async function catalogFileRows(client: CatalogTransport, ref: CatalogFileRef, opts?: SendOptions): Promise<string[][]> {
  const file = await client.download9102(ref.fileQueryNo, ref.filename, { ...opts, owner: 'plc' });
  const rows: string[][] = [];
  for (const entry of file.entries) {
    for (const line of entry.text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      if (!line.trim()) continue;
      const cols = line.split('\t').map((c) => (c === 'null' || c === 'NULL' ? '' : c.trim()));
      if (cols.length >= 6) rows.push(cols);
    }
  }
  return rows;
}

/** One page of a paged query (1312, 1316-1319): its rows as text fields, and how many there are in all. */
export interface QueryPage {
  rows: Record<string, string>[];
  /** recordCounts, when sent. */
  total: number | undefined;
  /** pages, when sent. */
  pages: number | undefined;
}

/** 1312 / 1316 / 1317 / 1318 / 1319: one page of the rows updated since `updt_time` (yyyy-MM-dd). */
export async function queryPage(
  client: CatalogTransport, infno: string, filters: Record<string, string | number>, opts?: SendOptions,
): Promise<Answer<QueryPage>> {
  const { output, meta } = await client.send(infno, { data: filters }, opts);
  // S3 reads a page wrapper {pageNum, recordCounts, pages, data[]}; Guangzhou the row array itself.
  const wrapper = output as Record<string, unknown>;
  const list = Array.isArray(output) ? output : Array.isArray(wrapper.data) ? wrapper.data : Array.isArray(wrapper.list) ? wrapper.list : [];
  const num = (v: unknown) => (/^\d+$/.test(wireString(v)) ? Number(wireString(v)) : undefined);
  return { rows: list.map(textRow), total: num(wrapper.recordCounts ?? wrapper.total), pages: num(wrapper.pages), meta };
}

function textRow(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = wireString(x);
  return out;
}

/** One 1901 row, whatever spelling the endpoint uses. */
export interface DictionaryRow {
  type: string;
  value: string;
  label: string;
  parent: string;
  sort: number | undefined;
  valid: boolean;
}

/** 1901: one dictionary (`type`, e.g. PSN_IDET_TYPE) valid on `date`, of the region `admdvs`. */
export async function dictionary1901(client: CatalogTransport, type: string, date: string, admdvs: string, opts?: SendOptions): Promise<Answer<{ rows: DictionaryRow[] }>> {
  const { output, meta } = await client.send('1901', { data: { type, parentValue: '', admdvs, date, valiFlag: '1' } }, opts);
  const o = output as Record<string, unknown>;
  if (o.fileinfo) throw new BadResponseError('1901', meta.msgid, 'the endpoint answers 1901 with a file (Guangzhou style); its layout is not known');
  const list = Array.isArray(output) ? output : Array.isArray(o.list) ? o.list : Array.isArray(o.data) ? o.data : [];
  const rows = list.map(textRow).map((r): DictionaryRow => {
    const sort = r.sort ?? '';
    const flag = r.valiFlag || r.vali_flag || '1';
    return {
      type: r.type || r.dic_type_code || type,
      value: r.value || r.place_dic_val_code || '',
      label: r.label || r.place_dic_val_name || '',
      parent: r.parentValue || r.parent_value || '',
      sort: /^-?\d+$/.test(sort) ? Number(sort) : undefined,
      valid: flag !== '0',
    };
  });
  return { rows: rows.filter((r) => r.value && r.type.toUpperCase() === type.toUpperCase()), meta };
}

/** One matching as 3301 carries it (HIS item -> national code). */
export interface MatchingRow {
  hisCode: string;
  hisName: string;
  listType: string;
  code: string;
  begin?: string;
  approvalNo?: string;
  dosageForm?: string;
  spec?: string;
  unit?: string;
}

/** 3301: at most 100 matchings per call (§5.4); infcode 0 = stored. */
export async function uploadMatchings3301(client: CatalogTransport, rows: MatchingRow[], opts?: SendOptions): Promise<Answer<{ count: number }>> {
  if (rows.length < 1 || rows.length > 100) throw new Error(`3301 takes 1-100 rows, got ${rows.length}`);
  const data = rows.map((r) => ({
    fixmedins_hilist_id: r.hisCode, fixmedins_hilist_name: r.hisName.slice(0, 100), list_type: r.listType, med_list_codg: r.code,
    begndate: r.begin ?? '', enddate: '', aprvno: (r.approvalNo ?? '').slice(0, 30), dosform: r.dosageForm ?? '', exct_cont: '', item_cont: '',
    prcunt: r.unit ?? '', spec: r.spec ?? '', pacspec: '', memo: '',
  }));
  const { meta } = await client.send('3301', { data }, opts);
  return { count: rows.length, meta };
}

/** 3302: withdraws one matching (it must be the current one on the network). */
export async function withdrawMatching3302(client: CatalogTransport, institutionCode: string, row: Pick<MatchingRow, 'hisCode' | 'listType' | 'code'>, opts?: SendOptions): Promise<Answer<{ withdrawn: true }>> {
  const { meta } = await client.send('3302', { data: { fixmedins_code: institutionCode, fixmedins_hilist_id: row.hisCode, list_type: row.listType, med_list_codg: row.code } }, opts);
  return { withdrawn: true, meta };
}
