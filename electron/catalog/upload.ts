// The confirmed matchings on the network: uploaded by 3301 (at most 100 per call; a matching the
// network holds under another code is withdrawn by 3302 first), withdrawn by 3302, and read back
// by 1317, which is how the window knows which ones the network has accepted.
import { BusinessRejectedError } from '../network/client/errors';
import { queryPage, uploadMatchings3301, withdrawMatching3302, type CatalogTransport, type MatchingRow } from '../network/client/catalog';
import { AppFailure } from '../core/result';
import { chinaDateTime } from '../core/time';
import type { ItemsRepo } from './items-repo';
import type { HisItem, HisItemsRepo } from './his-items-repo';

export interface UploadDeps {
  client: CatalogTransport;
  institutionCode: () => string;
  items: ItemsRepo;
  hisItems: HisItemsRepo;
  now: () => Date;
  today: () => string;
}

export interface UploadResult {
  uploaded: number;
  rejected: { hisCode: string; message: string }[];
  accepted: number;
}

const ROW_NO = /第\s*(\d+)\s*条/;

export class MatchingUpload {
  constructor(private readonly d: UploadDeps) {}

  private row(h: HisItem): MatchingRow | undefined {
    const it = this.d.items.get(h.code);
    if (!it || !it.listType) return undefined;
    return { hisCode: h.hisCode, hisName: h.name, listType: it.listType, code: it.code, begin: this.d.today(), approvalNo: h.approvalNo, dosageForm: h.dosageForm, spec: h.spec, unit: h.unit };
  }

  /** Uploads every confirmed matching the network does not hold as it is; then reads acceptance back. */
  async upload(): Promise<UploadResult> {
    const result: UploadResult = { uploaded: 0, rejected: [], accepted: 0 };
    const pending = this.d.hisItems.toUpload();
    // A matching held under an older code is withdrawn first (the network refuses to overwrite it).
    for (const h of pending) {
      if ((h.upload === 'uploaded' || h.upload === 'accepted') && h.uploadCode && h.uploadCode !== h.code) await this.withdraw(h);
    }
    const rows = pending.map((h) => this.row(h)).filter((r): r is MatchingRow => !!r);
    for (let i = 0; i < rows.length; i += 100) await this.batch(rows.slice(i, i + 100), result);
    result.accepted = (await this.refresh()).accepted;
    return result;
  }

  /** One 3301 call; a refused row (named by its number) is set aside and the rest sent again. */
  private async batch(rows: MatchingRow[], result: UploadResult): Promise<void> {
    let left = rows;
    while (left.length) {
      try {
        await uploadMatchings3301(this.d.client, left);
      } catch (err) {
        if (!(err instanceof BusinessRejectedError)) throw err;
        const n = Number(ROW_NO.exec(err.errMsg)?.[1] ?? 0);
        const bad = n >= 1 && n <= left.length ? [left[n - 1]] : left;
        for (const r of bad) {
          this.d.hisItems.setUpload(r.hisCode, { upload: 'rejected', error: err.errMsg });
          result.rejected.push({ hisCode: r.hisCode, message: err.errMsg });
        }
        left = left.filter((r) => !bad.includes(r));
        continue;
      }
      const at = chinaDateTime(this.d.now());
      this.d.hisItems.batch(() => {
        for (const r of left) this.d.hisItems.setUpload(r.hisCode, { upload: 'uploaded', code: r.code, listType: r.listType, at, error: null });
      });
      result.uploaded += left.length;
      return;
    }
  }

  private async withdraw(h: HisItem): Promise<void> {
    try {
      await withdrawMatching3302(this.d.client, this.d.institutionCode(), { hisCode: h.hisCode, listType: h.uploadListType, code: h.uploadCode });
    } catch (err) {
      // The network no longer holds it: withdrawn all the same.
      if (!(err instanceof BusinessRejectedError) || !/未查询到|不存在/.test(err.errMsg)) throw err;
    }
    this.d.hisItems.setUpload(h.hisCode, { upload: 'withdrawn', at: chinaDateTime(this.d.now()), error: null });
  }

  /** 3302 for one item whose matching the network holds. */
  async undo(hisCode: string): Promise<HisItem> {
    const h = this.d.hisItems.get(hisCode);
    if (!h) throw new AppFailure({ code: 'NOT_FOUND', message: `没有 HIS 项目 ${hisCode}`, detail: `his item ${hisCode} not found`, field: 'hisCode' });
    if (h.upload !== 'uploaded' && h.upload !== 'accepted') {
      throw new AppFailure({ code: 'NOT_UPLOADED', message: `“${h.name}”的对照尚未上传，无需撤销`, detail: `his item ${hisCode} upload ${h.upload}`, field: 'hisCode' });
    }
    await this.withdraw(h);
    return this.d.hisItems.get(hisCode)!;
  }

  /** 1317: the matchings the network holds for this institution; marks ours accepted (or withdrawn when gone). */
  async refresh(): Promise<{ accepted: number; missing: number }> {
    const held = new Map<string, string>();
    for (let page = 1; ; page++) {
      const got = await queryPage(this.d.client, '1317', { updt_time: '2000-01-01', page_num: page, page_size: 1000, fixmedins_code: this.d.institutionCode() });
      for (const r of got.rows) if ((r.vali_flag ?? '1') !== '0') held.set(r.medins_list_codg, r.med_list_codg);
      if (got.rows.length < 1000 || (got.pages !== undefined && page >= got.pages)) break;
    }
    let accepted = 0;
    let missing = 0;
    this.d.hisItems.batch(() => {
      for (const h of this.d.hisItems.onNetwork()) {
        if (held.get(h.hisCode) === h.uploadCode) {
          accepted++;
          if (h.upload !== 'accepted') this.d.hisItems.setUpload(h.hisCode, { upload: 'accepted', error: null });
        } else if (h.upload === 'accepted') {
          missing++;
          this.d.hisItems.setUpload(h.hisCode, { upload: 'withdrawn', error: '医保网络已查不到该对照' });
        }
      }
    });
    return { accepted, missing };
  }
}
