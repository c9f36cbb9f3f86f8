// The his.* calls of the API contract (setup screen and window lists).
import path from 'node:path';
import fs from 'node:fs';
import type { Dispatcher } from '../api/dispatch';
import type { HisApiInfo, HisCallbackStatus, HisDropPreview, HisDropSetup, HisDropStatus } from '../api/contract';
import { bool, int, none, obj, oneOf, optional, record, str, v } from '../api/validate';
import { AppFailure, ok } from '../core/result';
import { maskName } from '../core/mask';
import { CALLBACK_KEY } from './callback';
import { HisInputError } from './check';
import { checkEntry, parseCatalogCsv } from './catalog';
import { DROP_KEY } from './drop/watcher';
import { DROP_FIELDS, FIELD_LABELS, REQUIRED_FIELDS, readCsv, resolveColumns, visitsFromCsv, visitsFromJson, type DropSetup } from './drop/mapping';
import { decodeText } from './csv';
import { visitTotal } from './visit-validate';
import { VISIT_TYPES, type VisitType } from './types';
import type { HisBridge } from './index';

const MAX_UPLOAD = 10 * 1024 * 1024;

function refuse(code: string, message: string, field?: string): never {
  throw new AppFailure({ code, message, field, detail: `${code} ${field ?? ''}` });
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }): T {
  if (!r.ok) refuse(r.error.code, r.error.message, r.error.field);
  return r.value;
}

const recordKey = v.pipe(v.string(), v.maxLength(100, '名称过长'));

const dropSetupInput = obj({
  folder: str({ min: 1, max: 1000 }),
  enabled: bool(),
  columns: record(recordKey, str({ max: 200 })),
  visitTypeValues: record(recordKey, oneOf(VISIT_TYPES)),
  diagnosisSeparator: str({ min: 1, max: 3 }),
  maxFileMB: optional(int({ min: 1, max: 1024 })),
});

function decodeUpload(b64: string): Buffer {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length > MAX_UPLOAD) refuse('TOO_LARGE', '文件过大（最多 10 MB）', 'contentBase64');
  return buf;
}

function apiInfo(b: HisBridge): HisApiInfo {
  return {
    url: b.server.url, port: b.server.port, host: b.server.host, token: b.token.current(),
    tokenFromEnvironment: b.token.fixedByEnvironment, openapiUrl: b.server.url ? `${b.server.url}/his/v1/openapi.json` : '',
    ...(b.server.error ? { error: `HIS 接口未能启动：${b.server.error}` } : {}),
  };
}

function dropStatus(b: HisBridge): HisDropStatus {
  const setup = b.drop.setup();
  return {
    setup: setup as HisDropSetup,
    pending: b.drop.pending(),
    recent: b.drop.recent(),
    fields: DROP_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f], required: REQUIRED_FIELDS.includes(f) })),
  };
}

function preview(b: HisBridge, input: { file?: string; contentBase64?: string; fileName?: string; setup?: HisDropSetup }): HisDropPreview {
  const setup = (input.setup ?? b.drop.setup()) as DropSetup;
  let buf: Buffer;
  let name: string;
  if (input.contentBase64 !== undefined) {
    buf = decodeUpload(input.contentBase64);
    name = input.fileName ?? 'upload.csv';
  } else {
    const wanted = input.file ?? b.drop.pending()[0];
    if (!wanted) refuse('NO_FILE', '接收文件夹中没有待导入的文件；请选择一个示例文件', 'file');
    if (path.basename(wanted) !== wanted) refuse('VALIDATION', '只能预览接收文件夹中的文件', 'file');
    const file = path.join(b.drop.setup().folder, wanted);
    if (!fs.existsSync(file)) refuse('NO_FILE', `接收文件夹中没有文件 ${wanted}`, 'file');
    buf = fs.readFileSync(file);
    name = wanted;
  }
  const encoding = decodeText(buf).encoding;
  if (/\.json$/i.test(name)) {
    const r = visitsFromJson(buf);
    return { encoding, format: 'json', headers: [], rows: [], resolved: {}, visits: r.ok ? r.value.slice(0, 20).map(visitPreview) : [], ...(r.ok ? {} : { error: r.error }) };
  }
  const csv = unwrap(readCsv(buf));
  const col = resolveColumns(csv.headers, setup.columns);
  const resolved = Object.fromEntries(Object.entries(col).map(([f, i]) => [f, csv.headers[i!]]));
  const visits = visitsFromCsv(csv, setup);
  return {
    encoding, format: 'csv', headers: csv.headers, rows: csv.rows.slice(0, 10), resolved,
    visits: visits.ok ? visits.value.slice(0, 20).map(visitPreview) : [],
    ...(visits.ok ? {} : { error: { code: visits.error.code, message: visits.error.message, ...(visits.error.field ? { field: visits.error.field } : {}) } }),
  };
}

function visitPreview(v: { hisVisitId: string; visitType: VisitType; patient: { name?: string }; lines: unknown[] } & Parameters<typeof visitTotal>[0]) {
  return { hisVisitId: v.hisVisitId, visitType: v.visitType, ...(v.patient.name ? { patientName: maskName(v.patient.name) } : {}), lineCount: v.lines.length, total: visitTotal(v) };
}

function callbackStatus(b: HisBridge): HisCallbackStatus {
  return { ...b.callbacks.setup(), ...b.callbacks.status() };
}

function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof HisInputError) refuse(err.code, err.toApiError().message, err.field);
    throw err;
  }
}

export function registerHisCalls(d: Dispatcher, b: HisBridge): void {
  const visitId = obj({ hisVisitId: str({ min: 1, max: 64 }) });
  d.register('his.visits.list', { role: 'any', input: none(), run: () => b.service.listWaiting() });
  d.register('his.visits.get', {
    role: 'any',
    input: visitId,
    run: ({ hisVisitId }) => b.service.get(hisVisitId) ?? refuse('HIS_VISIT_NOT_FOUND', `没有找到 HIS 就诊记录 ${hisVisitId}`, 'hisVisitId'),
  });
  d.register('his.visits.lines', { role: 'any', input: visitId, run: ({ hisVisitId }) => unwrap(b.service.mappedLines(hisVisitId)) });
  d.register('his.token.get', { role: 'technician', input: none(), run: () => apiInfo(b) });
  d.register('his.token.rotate', {
    role: 'technician',
    input: none(),
    run: () => {
      if (b.token.fixedByEnvironment) refuse('TOKEN_FIXED', '令牌由环境变量 SETTLE_HIS_TOKEN 指定，不能在此更换', 'token');
      b.token.rotate();
      return apiInfo(b);
    },
  });
  d.register('his.callback.get', { role: 'technician', input: none(), run: () => callbackStatus(b) });
  d.register('his.callback.set', {
    role: 'technician',
    input: obj({ url: str({ max: 500 }), token: optional(str({ max: 200, pattern: /^[\x21-\x7e]*$/ })) }),
    run: (input) => {
      const url = input.url.trim();
      if (url) {
        let u: URL | undefined;
        try {
          u = new URL(url);
        } catch {
          u = undefined;
        }
        if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) refuse('VALIDATION', '回调地址应为 http:// 或 https:// 开头的网址', 'url');
      }
      saveSetting(b, CALLBACK_KEY, { url, ...(input.token ? { token: input.token } : {}) });
      return callbackStatus(b);
    },
  });
  d.register('his.drop.get', { role: 'technician', input: none(), run: () => dropStatus(b) });
  d.register('his.drop.set', {
    role: 'technician',
    input: dropSetupInput,
    run: (input) => {
      if (!path.isAbsolute(input.folder)) refuse('VALIDATION', '请填写接收文件夹的完整路径', 'folder');
      const folderProblem = b.drop.folderProblem(input.folder);
      if (folderProblem) refuse('DROP_FOLDER_FORBIDDEN', folderProblem, 'folder');
      const unknown = Object.keys(input.columns).find((k) => !(DROP_FIELDS as readonly string[]).includes(k));
      if (unknown) refuse('VALIDATION', `columns：未知字段 ${unknown}`, 'columns');
      try {
        fs.mkdirSync(input.folder, { recursive: true });
      } catch (err) {
        refuse('FOLDER', `无法创建接收文件夹：${(err as Error).message}`, 'folder');
      }
      const columns = Object.fromEntries(Object.entries(input.columns).filter(([, v]) => v.trim() !== ''));
      saveSetting(b, DROP_KEY, { ...input, columns });
      return dropStatus(b);
    },
  });
  d.register('his.drop.preview', {
    role: 'technician',
    input: obj({
      file: optional(str({ min: 1, max: 255 })),
      contentBase64: optional(str({ max: MAX_UPLOAD * 2 })),
      fileName: optional(str({ max: 255 })),
      setup: optional(dropSetupInput),
    }),
    run: (input) => preview(b, input as Parameters<typeof preview>[1]),
  });
  d.register('his.drop.scan', { role: 'technician', input: none(), run: () => b.drop.scan() });
  d.register('his.catalog.list', {
    role: 'technician',
    input: obj({ search: optional(str({ max: 100 })), offset: optional(int({ min: 0 })), limit: optional(int({ min: 1, max: 1000 })) }),
    run: (i) => b.catalog.list(i.search ?? '', i.limit ?? 200, i.offset ?? 0),
  });
  d.register('his.catalog.import', {
    role: 'technician',
    input: obj({ contentBase64: str({ min: 1, max: MAX_UPLOAD * 2 }), replace: optional(bool()) }),
    run: (i) => b.catalog.importAll(unwrap(parseCatalogCsv(decodeUpload(i.contentBase64))), i.replace ?? false, 'csv'),
  });
  d.register('his.catalog.set', {
    role: 'technician',
    input: obj({
      hisCode: str({ max: 64 }), hisName: str({ max: 200 }), catalogCode: str({ max: 64 }), catalogName: optional(str({ max: 200 })),
      class: oneOf(['A', 'B', 'C'] as const), selfPayRatio: optional(str({ max: 10 })), category: str({ max: 10 }),
    }),
    run: (i) => {
      const entry = checked(() => checkEntry(i));
      b.catalog.set(entry, 'ui');
      return b.catalog.lookup([entry.hisCode]).get(entry.hisCode)!;
    },
  });
  d.register('his.catalog.markSelfPay', {
    role: 'technician',
    input: obj({ hisCode: str({ min: 1, max: 64 }), hisName: str({ min: 1, max: 200 }), category: optional(str({ max: 10 })) }),
    run: (i) => {
      const entry = checked(() => checkEntry({ hisCode: i.hisCode, hisName: i.hisName, class: 'C', catalogCode: '', category: i.category ?? '14' }));
      b.catalog.markSelfPay(entry.hisCode, entry.hisName, entry.category);
      return b.catalog.lookup([entry.hisCode]).get(entry.hisCode)!;
    },
  });
  d.register('his.catalog.remove', { role: 'technician', input: obj({ hisCode: str({ min: 1, max: 64 }) }), run: (i) => ({ removed: b.catalog.remove(i.hisCode) }) });
  d.register('his.unmapped.list', { role: 'any', input: none(), run: () => b.catalog.unmapped() });
}

function saveSetting(b: HisBridge, key: string, value: unknown): void {
  b.settings.set(key, value);
}
