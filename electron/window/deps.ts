// What the window area is given by the composition root (electron/app/areas.ts): the other areas'
// services, typed and all present (the window installs last).
import type { Session } from '../api/dispatch';
import type { SettlementService } from '../settlement/service';
import type { ReceiptsService } from '../print/service';
import type { PdfLinks } from '../print/links';
import type { PolicyRegistry } from '../policy/store';
import type { HisBridge } from '../his';
import type { ReaderService } from '../devices';
import type { AuditService } from '../audit/install';
import type { TermsLookup } from '../catalog/terms';

export interface WindowServices {
  settlement: SettlementService;
  receipts: ReceiptsService;
  links: PdfLinks;
  policies: PolicyRegistry;
  his: HisBridge;
  /** Class, self-pay ratio and cap of a national code on a day, from the downloaded catalog (absent: the HIS mapping alone). */
  catalogTerms?: TermsLookup;
  reader: ReaderService;
  audit: AuditService;
  /** The operator's name by id (receipts issued after a crash name who settled). */
  operatorName(id: string): string | undefined;
  /** Re-checks the session operator's password before a cancellation (counts toward the lockout). */
  confirmPassword(session: Session | undefined, password: string): Promise<void>;
}
