// A patient's HIS visits taken to the network ahead of the window (registration, visit information
// with diagnoses, fee lines), so that at the window only the pre-settlement and the settlement
// remain: when the HIS sends or changes a visit of a person this window already knows (cached by
// ID number), and when a person is identified (each of their waiting HIS visits). In the
// background: the HIS request and the window never wait for it; a failure is logged and the
// window's pre-settlement takes the visit to the network itself.
import type { HisVisit, HisVisitsService } from '../his';
import type { SettlementPreInput } from '../api/contract';
import type { AppLogger } from '../platform/logger';
import type { TermsLookup } from '../catalog/terms';
import { hisVisitLines } from './lines';

export interface AheadDeps {
  his: HisVisitsService;
  settlement: {
    uploadAhead(input: SettlementPreInput): Promise<void>;
    cachedPersonNo(idNumber: string): string | undefined;
  };
  now: () => Date;
  log: AppLogger;
  terms?: TermsLookup;
}

export class UploadAhead {
  /** Uploads under way (tests wait for them; a visit's steps at the network run one at a time anyway). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: AheadDeps) {}

  /** Listens to the HIS bridge: a visit received or replaced is taken ahead. Returns the unsubscribe. */
  listen(): () => void {
    return this.deps.his.onChange((c) => {
      if (c.kind === 'received' || c.kind === 'replaced') this.visit(c.hisVisitId);
    });
  }

  /** The HIS sent a visit: taken ahead when its patient is known here by ID number. */
  visit(hisVisitId: string): void {
    const v = this.deps.his.get(hisVisitId);
    if (!v || v.state !== 'waiting' || !v.patient.idNumber) return;
    const personNo = this.deps.settlement.cachedPersonNo(v.patient.idNumber);
    if (personNo) this.send(v, { personNo, certType: 'idNumber', certNo: v.patient.idNumber.toUpperCase() });
  }

  /** A person identified at the window: their waiting HIS visits taken ahead. */
  person(person: SettlementPreInput['person'], visits: HisVisit[]): void {
    for (const v of visits) if (v.state === 'waiting') this.send(v, person);
  }

  /** Resolves when the uploads started so far have ended (either way). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private send(v: HisVisit, person: SettlementPreInput['person']): void {
    // Taking a stay to the network ends with its discharge (2402): not for a patient still in a bed.
    if (v.visitType === 'inpatient' && !v.dischargeDate) return;
    let input: SettlementPreInput;
    try {
      // The visit exactly as the window will pre-settle it (SettlementAdapter.preSettle), so the
      // upload's fingerprint matches and nothing is sent twice.
      const visit = hisVisitLines(this.deps.his, v.hisVisitId, this.deps.now(), this.deps.terms);
      input = { person, visit: { ref: visit.ref, source: visit.source, type: visit.type, date: visit.date, lines: visit.lines, facilityLevel: visit.facilityLevel }, useAccount: false };
    } catch (err) {
      this.deps.log.info(`upload ahead of ${v.hisVisitId}: not taken (${err instanceof Error ? err.message : String(err)}); the window will`);
      return;
    }
    const run = this.deps.settlement.uploadAhead(input).catch((err: unknown) => {
      this.deps.log.info(`upload ahead of ${v.hisVisitId} did not finish (${err instanceof Error ? err.message : String(err)}); the window's pre-settlement takes it on`);
    });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }
}
