// Item matching (目录对照) as the platform keeps it: 3301 stores an institution's HIS item →
// national code pairs, 3302 withdraws one, 1317 lists them back (the way a site sees what the
// platform accepted). Every change is appended to a per-institution log in update order.

export interface Matching {
  fixmedins_code: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  list_type: string;
  med_list_codg: string;
  begndate: string;
  enddate: string;
  vali_flag: '0' | '1';
  rid: string;
  updt_time: string;
}

export class Matchings {
  private readonly current = new Map<string, Matching>();
  private readonly logs = new Map<string, Matching[]>();
  private n = 0;

  static key(inst: string, hisId: string, listType: string): string {
    return `${inst}|${hisId}|${listType}`;
  }

  get(inst: string, hisId: string, listType: string): Matching | undefined {
    return this.current.get(Matchings.key(inst, hisId, listType));
  }

  /** The national code a HIS item is matched to (any list type), when valid. */
  codeFor(inst: string, hisId: string): string[] {
    const out: string[] = [];
    for (const lt of ['101', '102', '103', '104', '105', '201', '301']) {
      const m = this.current.get(Matchings.key(inst, hisId, lt));
      if (m?.vali_flag === '1') out.push(m.med_list_codg);
    }
    return out;
  }

  put(m: Omit<Matching, 'rid'>): Matching {
    const row: Matching = { ...m, rid: `RM${String(++this.n).padStart(12, '0')}` };
    this.current.set(Matchings.key(m.fixmedins_code, m.fixmedins_hilist_id, m.list_type), row);
    let log = this.logs.get(m.fixmedins_code);
    if (!log) this.logs.set(m.fixmedins_code, (log = []));
    log.push(row);
    return row;
  }

  /** The institution's current rows updated on or after `since` (only each pair's latest row). */
  list(inst: string, since: string): Matching[] {
    const log = this.logs.get(inst) ?? [];
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid].updt_time < since) lo = mid + 1;
      else hi = mid;
    }
    const out: Matching[] = [];
    for (let i = lo; i < log.length; i++) {
      const m = log[i];
      if (this.current.get(Matchings.key(m.fixmedins_code, m.fixmedins_hilist_id, m.list_type)) === m) out.push(m);
    }
    return out;
  }

  all(): Matching[] {
    return [...this.current.values()];
  }
}
