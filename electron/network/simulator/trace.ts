// Drug traceability codes (追溯码) as the platform keeps them: every 3505 sale with its codes,
// which codes are sold (a whole pack once; a split pack until its units are used up), 3506
// returns releasing them, and the indexes 3513 queries use.

export interface Sale {
  id: string;
  institution: string;
  setlId: string;
  mdtrtId: string;
  mdtrtSn: string;
  psnNo: string;
  psnCertType: string;
  certno: string;
  psnName: string;
  medListCodg: string;
  hisId: string;
  hisName: string;
  bchno: string;
  trdnFlag: string;
  cnt: string;
  codes: string[];
  time: string;
  opterName: string;
  setlType: string;
  returned: boolean;
}

export interface CodeState {
  /** Whole packs: sold and not returned. */
  whole: boolean;
  /** Split packs: units sold (net of returns) and the pack size. */
  units: number;
  pack: number;
  sales: string[];
}

export class TraceBook {
  readonly sales = new Map<string, Sale>();
  readonly codes = new Map<string, CodeState>();
  private readonly byKey = new Map<string, string[]>();
  private readonly byPsn = new Map<string, string[]>();
  private readonly byMdtrt = new Map<string, string[]>();
  private readonly byInst = new Map<string, string[]>();

  static saleKey(inst: string, ref: string, med: string, bchno: string): string {
    return `${inst}|${ref}|${med}|${bchno}`;
  }

  add(s: Sale): void {
    this.sales.set(s.id, s);
    const push = (m: Map<string, string[]>, k: string) => {
      if (!k) return;
      let l = m.get(k);
      if (!l) m.set(k, (l = []));
      l.push(s.id);
    };
    push(this.byKey, TraceBook.saleKey(s.institution, s.setlId || s.mdtrtSn, s.medListCodg, s.bchno));
    push(this.byPsn, s.psnNo);
    push(this.byMdtrt, s.mdtrtId);
    push(this.byInst, s.institution);
  }

  salesFor(key: string): Sale[] {
    return (this.byKey.get(key) ?? []).map((id) => this.sales.get(id)!);
  }

  find(filter: { inst: string; code?: string; psnNo?: string; mdtrtId?: string }, limit = 200): Sale[] {
    let ids: string[];
    if (filter.code) ids = this.codes.get(filter.code)?.sales ?? [];
    else if (filter.mdtrtId) ids = this.byMdtrt.get(filter.mdtrtId) ?? [];
    else if (filter.psnNo) ids = this.byPsn.get(filter.psnNo) ?? [];
    else ids = this.byInst.get(filter.inst) ?? [];
    return ids.slice(-limit).map((id) => this.sales.get(id)!).filter((s) => s.institution === filter.inst);
  }
}
