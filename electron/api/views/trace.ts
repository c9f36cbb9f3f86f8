// Views of the trace area's calls (drug traceability codes at the window, their upload and the
// pharmacy's daily report).

export interface TraceCodeView {
  code: string;
  /** The units of the code's pack this sale uses. */
  units: string;
  warning?: string;
}

export interface TraceLineView {
  lineNo: string;
  name: string;
  listCode: string;
  quantity: string;
  /** Units per pack (the catalog's, else the HIS line's, else 1). */
  pack: number;
  /** Part of a pack (拆零): one code serves several sales until its pack is used up. */
  split: boolean;
  /** Codes scanned (whole packs) or units covered (split) against what the line needs. */
  have: string;
  need: string;
  unit: 'box' | 'unit';
  complete: boolean;
  /** Complete, or without codes for a reason given. */
  ready: boolean;
  reason?: string;
  reasonName?: string;
  codes: TraceCodeView[];
}

export interface TraceSessionView {
  visitId: string;
  /** The setup asks for codes at the window (off: no lines, nothing to scan). */
  enabled: boolean;
  lines: TraceLineView[];
  /** Every drug line complete or given a reason: the visit may be paid. */
  ready: boolean;
  codeCount: number;
  /** The reasons a line may go without codes. */
  reasons: { key: string; name: string }[];
  /** A note on what came with the HIS lines (codes refused there). */
  notes: string[];
}

export interface TraceScanView extends TraceSessionView {
  outcome: { ok: boolean; code?: string; message: string; warning?: string; lineNo: string };
}

export interface TraceReportLineView {
  settlementId: string;
  lineNo: string;
  name: string;
  listCode: string;
  quantity: string;
  split: boolean;
  codes: string[];
  reasonName?: string;
  returned: boolean;
  /** The sale record's upload: 待上传 / 已上传 / 被拒绝 / 无需上传, with the network's words. */
  upload: string;
  uploadMessage?: string;
}

export interface TraceReportView {
  date: string;
  lines: TraceReportLineView[];
  totals: {
    drugLines: number;
    withCodes: number;
    withoutCodes: number;
    codes: number;
    uploaded: number;
    pending: number;
    rejected: number;
    returned: number;
  };
  /** Why lines went without codes, with their counts. */
  reasons: { name: string; count: number }[];
}

export interface TraceUploadView {
  id: number;
  settlementId: string;
  lineNo: string;
  infno: '3505' | '3506';
  state: 'waiting' | 'sending' | 'done' | 'rejected' | 'void';
  stateName: string;
  name: string;
  codes: string[];
  msgid?: string;
  attempts: number;
  message?: string;
  updatedAt: string;
}

export interface TraceSetupView {
  scanAtWindow: boolean;
  codePattern: string;
  pharmacistName: string;
  pharmacistCertNo: string;
  unknownLot: string;
}

/** The counts a receipt shows. */
export interface TraceReceiptCounts {
  codes: number;
  drugLines: number;
  withoutCodes: number;
}
