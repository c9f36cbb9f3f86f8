// View types of the center store (several windows, one PostgreSQL). Pure types.
import type { Money } from './common';

export interface CenterStatusView {
  /** Whether this window runs with a center (`--center URL`). */
  configured: boolean;
  /** The center's address without its password. */
  url?: string;
  reachable?: boolean;
  windowId?: string;
  terminalNo?: string;
  /** Records waiting to reach the center. */
  unsent: number;
  lastContactAt?: string;
  /** Chinese, for the status bar (e.g. working within this window's own limits). */
  message: string;
}

export interface CenterWindowView {
  windowId: string;
  institutionCode: string;
  terminalNo: string;
  name: string;
  lastContactAt?: string;
  unsentNetwork: number;
  unsentCenter: number;
  todayCount: number;
  todayTotal: Money;
  todayOfflineCount: number;
  /** Documents that came under an id the center already held with other content (a window restored from an older backup). */
  conflicts: number;
}

export interface CenterReconcileView {
  runId?: number;
  day: string;
  balanced: boolean;
  records: number;
  groups: { insutype: string; clearingType: string; clearingAgency: string; count: number; medfeeTotal: Money; fundTotal: Money; balanced: boolean; description: string; byWindow: { terminalNo: string; count: number; medfeeTotal: Money }[] }[];
  mismatches: { kind: string; terminalNo?: string; settlementId?: string; personNo?: string; memo: string }[];
}

export interface CenterLimitsView {
  perVisit: Money;
  perPersonDay: Money;
}
