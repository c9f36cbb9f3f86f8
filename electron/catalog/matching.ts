// Matching the HIS's items to national codes: by the national code when the HIS has one, else by
// name, specification, dosage form, manufacturer and approval number with a score (./score.ts).
// The technician confirms a proposal, corrects it or marks the item self-paid; a decision is
// written to the HIS bridge's mapping (his_catalog), which is what lets a visit's lines settle —
// an item with no decision still blocks settlement there.
import type { Db } from '../store/db';
import type { CatalogStore as HisMapping } from '../his/catalog';
import { AppFailure } from '../core/result';
import { chinaDateTime } from '../core/time';
import { CHARGE_CATEGORIES } from '../his/types';
import type { ItemsRepo, StoredItem } from './items-repo';
import type { HisItem, HisItemsRepo } from './his-items-repo';
import type { HisItemInput } from './his-items';
import type { CatalogSearch } from './search';
import type { TermsLookup } from './terms';
import { matchScore, normalise, type ScoreParts } from './score';

/** Below this a best candidate is not proposed at all. */
export const PROPOSE_FROM = 40;
/** Two candidates this close are a tie: the proposal is kept below the batch threshold. */
const TIE = 3;
const TIE_CAP = 69;

export interface Candidate {
  item: StoredItem;
  score: number;
  parts: ScoreParts | null;
}

export interface MatchingDeps {
  db: Db;
  items: ItemsRepo;
  hisItems: HisItemsRepo;
  search: CatalogSearch;
  terms: TermsLookup;
  mapping: HisMapping;
  now: () => Date;
  today: () => string;
}

export class MatchingService {
  private readonly byGeneric;
  private readonly byApproval;

  constructor(private readonly d: MatchingDeps) {
    const valid = "valid = 1 AND list_type <> ''";
    this.byGeneric = d.db.prepare(`SELECT code FROM catalog_items WHERE (generic_name = ? OR name = ?) AND ${valid} LIMIT 400`);
    this.byApproval = d.db.prepare(`SELECT code FROM catalog_items WHERE approval_no IN (?, ?) AND ${valid} LIMIT 50`);
  }

  /** The national rows worth scoring for an item: same approval number, same generic name, else the name's trigrams. */
  private pool(h: HisItemInput): StoredItem[] {
    const codes = new Set<string>();
    const approval = h.approvalNo.trim();
    if (approval) {
      const bare = approval.replace(/^国药准字/, '');
      for (const r of this.byApproval.all(bare, `国药准字${bare}`) as { code: string }[]) codes.add(r.code);
    }
    const name = h.name.trim().replace(/[（(][^)）]*[)）]/g, '');
    for (const n of new Set([h.name.trim(), name])) for (const r of this.byGeneric.all(n, n) as { code: string }[]) codes.add(r.code);
    const found = [...this.d.items.many([...codes]).values()];
    if (found.length < 5) for (const it of this.d.search.search(name || h.name, { limit: 60 })) if (!codes.has(it.code)) found.push(it);
    return found;
  }

  /** Scored candidates for an item, best first (`q`: the technician's own search instead). */
  candidates(h: HisItemInput, q?: string, limit = 10): Candidate[] {
    // A code not yet in force (its version begins after today) cannot be confirmed: not offered.
    const today = this.d.today();
    const pool = (q ? this.d.search.search(q, { limit: 60 }) : this.pool(h)).filter((it) => !it.begin || it.begin <= today);
    const scored = pool.map((item) => ({ item, ...matchScore(h, item) }));
    scored.sort((a, b) => b.score - a.score || a.item.code.localeCompare(b.item.code));
    return scored.slice(0, limit);
  }

  /** The proposal for an item: its national code when the catalog has it, else the best scored candidate. */
  propose(h: HisItemInput): { code: string; score: number; method: string } {
    if (h.nationalCode) {
      const it = this.d.items.get(h.nationalCode);
      if (it && it.valid && it.listType && (!it.begin || it.begin <= this.d.today())) return { code: it.code, score: 100, method: 'code' };
    }
    const [best, second] = this.candidates(h, undefined, 2);
    if (!best || best.score < PROPOSE_FROM) return { code: '', score: best?.score ?? 0, method: '' };
    const tie = second && best.score - second.score < TIE && normalise(second.item.name) === normalise(best.item.name);
    return { code: best.item.code, score: tie ? Math.min(best.score, TIE_CAP) : best.score, method: tie ? 'tie' : 'name' };
  }

  /** Proposes codes for the given items (in chunks: the event loop breathes between them). */
  async autoMatch(hisCodes: string[]): Promise<{ byCode: number; byName: number; none: number }> {
    const out = { byCode: 0, byName: 0, none: 0 };
    for (let i = 0; i < hisCodes.length; i += 100) {
      this.d.db.transaction(() => {
        for (const c of hisCodes.slice(i, i + 100)) {
          const h = this.d.hisItems.get(c);
          if (!h) continue;
          const p = this.propose(h);
          this.d.hisItems.propose(c, p);
          if (p.method === 'code') out.byCode++;
          else if (p.code) out.byName++;
          else out.none++;
        }
      })();
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  private must(hisCode: string): HisItem {
    const h = this.d.hisItems.get(hisCode);
    if (!h) throw new AppFailure({ code: 'NOT_FOUND', message: `没有 HIS 项目 ${hisCode}`, detail: `his item ${hisCode} not found`, field: 'hisCode' });
    return h;
  }

  /** Confirms an item's matching (its proposal, or `code` as the technician's correction) and writes the HIS mapping. */
  confirm(hisCode: string, by: string, code?: string): HisItem {
    const h = this.must(hisCode);
    const target = (code ?? h.code).trim();
    if (!target) throw new AppFailure({ code: 'NO_CODE', message: `“${h.name}”还没有建议的医保目录，请先查找并选择`, detail: `no code for ${hisCode}`, field: 'code' });
    const it = this.d.items.get(target);
    if (!it || !it.listType) throw new AppFailure({ code: 'NOT_IN_CATALOG', message: `医保目录中没有可收费的编码 ${target}`, detail: `code ${target} not billable`, field: 'code' });
    if (!it.valid) throw new AppFailure({ code: 'CODE_EXPIRED', message: `医保目录编码 ${target} 已失效，不能对照`, detail: `code ${target} expired`, field: 'code' });
    if (it.begin && it.begin > this.d.today()) {
      throw new AppFailure({ code: 'NOT_YET_VALID', message: `医保目录编码 ${target} 自 ${it.begin} 起生效，今天还不能对照`, detail: `code ${target} begins ${it.begin}`, field: 'code' });
    }
    const t = this.d.terms(target, this.d.today());
    if (!t || t.selfPayRatio === undefined) {
      throw new AppFailure({ code: 'NO_TERMS', message: `医保目录编码 ${target} 尚无甲乙类或自付比例信息，请先同步医保目录`, detail: `no 1312/1319 terms for ${target}`, field: 'code' });
    }
    const score = target === h.code ? h.score : target === h.nationalCode ? 100 : matchScore(h, it).score;
    const category = CHARGE_CATEGORIES[t.category] ? t.category : '14';
    this.d.db.transaction(() => {
      this.d.mapping.set({ hisCode, hisName: h.name.slice(0, 200), catalogCode: target, catalogName: it.name.slice(0, 200), class: t.class, selfPayRatio: t.selfPayRatio!, category }, 'ui');
      this.d.hisItems.decide(hisCode, { state: 'confirmed', code: target, score, method: code && code !== h.code ? 'manual' : h.method || 'name', by, at: chinaDateTime(this.d.now()) });
    })();
    return this.must(hisCode);
  }

  /** Confirms every proposal scoring at least `minScore` (200 to a transaction: one disk sync each, not one per item). */
  confirmAll(minScore: number, by: string): { confirmed: number; skipped: number } {
    let confirmed = 0;
    let skipped = 0;
    const codes = this.d.hisItems.codes('proposed', minScore);
    for (let i = 0; i < codes.length; i += 200) {
      this.d.db.transaction(() => {
        for (const c of codes.slice(i, i + 200)) {
          try {
            this.confirm(c, by);
            confirmed++;
          } catch (err) {
            if (!(err instanceof AppFailure)) throw err;
            skipped++;
          }
        }
      })();
    }
    return { confirmed, skipped };
  }

  /** The technician's decision: the patient pays this item fully (no national code). */
  selfPay(hisCode: string, by: string): HisItem {
    const h = this.must(hisCode);
    this.d.db.transaction(() => {
      this.d.mapping.markSelfPay(hisCode, h.name.slice(0, 200), '14');
      this.d.hisItems.decide(hisCode, { state: 'selfPay', code: '', score: 0, method: 'selfPay', by, at: chinaDateTime(this.d.now()) });
    })();
    return this.must(hisCode);
  }
}
