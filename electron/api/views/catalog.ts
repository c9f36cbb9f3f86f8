// Views of the catalog area: the national catalogs and dictionaries kept current from the network,
// the sync's progress, the change log and its review, and the HIS items' matching.

export interface CatalogSyncCountsView {
  catalogs: Record<string, number>;
  dictionaries: number;
  changes: number;
}

export interface CatalogSyncStatusView {
  running: boolean;
  /** The run in progress or the last one. */
  syncId: number | null;
  phase: 'files' | 'terms' | 'dictionaries' | 'done' | 'failed' | 'idle';
  step: string;
  done: number;
  total: number | null;
  /** 0..1 over the whole run. */
  fraction: number;
  counts: CatalogSyncCountsView;
  startedAt: string | null;
  finishedAt: string | null;
  /** What stopped the last run, in the user's words; the next run goes on from where it stopped. */
  error: string | null;
}

export interface CatalogSummaryView {
  catalogs: { catalog: string; name: string; rows: number; valid: number; ver: string | null; syncedAt: string | null }[];
  terms: number;
  dictionaries: { type: string; name: string; rows: number }[];
  lastSync: { id: number; state: string; startedAt: string; finishedAt: string | null; counts: Record<string, unknown>; error: string | null } | null;
  /** Unreviewed changes that touch matched HIS items. */
  pendingReview: number;
}

export interface CatalogItemRowView {
  code: string;
  catalog: string;
  listType: string;
  name: string;
  genericName: string;
  tradeName: string;
  spec: string;
  dosageForm: string;
  manufacturer: string;
  approvalNo: string;
  unit: string;
  valid: boolean;
}

export interface CatalogTermsView {
  code: string;
  date: string;
  class: 'A' | 'B' | 'C';
  level: string;
  category: string;
  selfPayRatio: string | null;
  cap: string | null;
  expired: boolean;
}

export interface CatalogDictRowView {
  value: string;
  label: string;
  parent: string;
}

export interface CatalogChangeView {
  id: number;
  syncId: number;
  code: string;
  catalog: string;
  name: string;
  kind: 'new' | 'class' | 'ratio' | 'price' | 'expired' | 'changed';
  before: string;
  after: string;
  effective: string;
  /** The HIS items matched to this code. */
  hisItems: { hisCode: string; name: string }[];
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export type CatalogMatchState = 'todo' | 'proposed' | 'confirmed' | 'selfPay';
export type CatalogUploadState = 'none' | 'uploaded' | 'accepted' | 'withdrawn' | 'rejected';

export interface CatalogHisItemView {
  hisCode: string;
  name: string;
  spec: string;
  dosageForm: string;
  manufacturer: string;
  approvalNo: string;
  nationalCode: string;
  unit: string;
  state: CatalogMatchState;
  code: string;
  score: number;
  /** code (the HIS gave the national code), name (scored), tie (several candidates alike), manual, selfPay. */
  method: string;
  /** The national row the item is matched or proposed to. */
  match: CatalogItemRowView | null;
  upload: CatalogUploadState;
  uploadError: string | null;
}

export interface CatalogMatchListView {
  total: number;
  counts: Record<'todo' | 'proposed' | 'confirmed' | 'selfPay' | 'uploaded' | 'accepted', number>;
  items: CatalogHisItemView[];
}

export interface CatalogCandidateView {
  item: CatalogItemRowView;
  score: number;
}

export interface CatalogImportView {
  imported: number;
  byCode: number;
  byName: number;
  none: number;
}

export interface CatalogUploadView {
  uploaded: number;
  accepted: number;
  rejected: { hisCode: string; message: string }[];
}
