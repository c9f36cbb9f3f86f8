// The scan at dispensing: a HIS visit's drug lines opened for scanning (pack size from the catalog,
// else the HIS line's, else 1; codes the HIS sent with its lines taken as scans), then one code
// per scan on a line. A refusal comes back as the scan's outcome (the panel flashes it and keeps
// the focus), not as an error; nothing is stored for a refused code.
import type { HisVisitsService } from '../his';
import type { TraceLineView, TraceScanView, TraceSessionView } from '../api/views/trace';
import { AppFailure } from '../core/result';
import { codeFormat, isDrugLine, isSplit, NO_CODE_REASONS, PICKABLE_REASONS, progressOf, scanLine, type NoCodeReason } from './rules';
import type { TraceRepo, SessionLine } from './repo';
import type { TraceSetup } from './setup';

export interface ScanDeps {
  repo: TraceRepo;
  his: Pick<HisVisitsService, 'get' | 'mappedLines'>;
  setup: () => TraceSetup;
  /** Units per pack of a national drug code (the catalog's packaging), when known. */
  packSize?: (listCode: string) => number | undefined;
}

const refuse = (code: string, message: string, field: string): never => {
  throw new AppFailure({ code, message, detail: `trace: ${code}`, field });
};

/** HIS lines may carry these beside the schema's own fields. */
interface HisTraceFields {
  traceCodes?: string[];
  packSize?: number;
  lotNo?: string;
  madeOn?: string;
}

export class TraceScanService {
  constructor(private readonly d: ScanDeps) {}

  /** Opens (or refreshes) the visit's scan session; keeps what was scanned on lines still there. */
  open(visitId: string): TraceSessionView {
    if (!this.d.setup().scanAtWindow) return { ...this.view(visitId), enabled: false, lines: [], ready: true, codeCount: 0 };
    const v = this.d.his.get(visitId);
    if (!v) refuse('HIS_VISIT_NOT_FOUND', `没有找到 HIS 就诊记录 ${visitId}`, 'visitId');
    if (v!.state === 'settled' || v!.state === 'cancelled') refuse('HIS_VISIT_CLOSED', '该就诊已结算或已撤销，不能再扫码', 'visitId');
    const mapped = this.d.his.mappedLines(visitId);
    if (!mapped.ok) throw new AppFailure(mapped.error);
    const before = new Set(this.d.repo.lines(visitId).map((l) => l.lineNo));
    const keep: string[] = [];
    const notes: string[] = [];
    mapped.value.lines.forEach((m, i) => {
      if (!isDrugLine({ category: m.category, code: m.code })) return;
      const his = (v!.lines[i] ?? {}) as HisTraceFields;
      const lineNo = String(i + 1);
      const pack = Math.max(1, Math.floor(this.d.packSize?.(m.code) ?? his.packSize ?? 1));
      keep.push(lineNo);
      this.d.repo.putLine({
        visitRef: visitId, lineNo, listCode: m.code, hospCode: m.hisCode, name: m.hisName || m.name, quantity: m.quantity, unitPrice: m.unitPrice, pack,
        split: isSplit(m.quantity, pack), prescriber: v!.doctor.name, lotNo: his.lotNo, madeOn: his.madeOn,
      });
      if (!before.has(lineNo)) for (const code of his.traceCodes ?? []) this.fromHis(visitId, lineNo, code, notes);
    });
    this.d.repo.dropLinesExcept(visitId, keep);
    return { ...this.view(visitId), notes };
  }

  private fromHis(visitId: string, lineNo: string, code: string, notes: string[]): void {
    const out = this.scan(visitId, lineNo, code).outcome;
    if (!out.ok) notes.push(`HIS 传来的追溯码 ${code} 未采用：${out.message}`);
  }

  scan(visitId: string, lineNo: string, raw: string): TraceScanView {
    const code = raw.trim();
    const lines = this.d.repo.lines(visitId);
    const line = lines.find((l) => l.lineNo === lineNo);
    if (!line) refuse('TRACE_NO_LINE', '请先选择要扫码的药品', 'lineNo');
    const scans = this.d.repo.scans(visitId);
    const outcome = (ok: boolean, message: string, extra: { code?: string; warning?: string } = {}) => ({ ...this.view(visitId), outcome: { ok, message, lineNo, ...extra } });
    const twice = scans.find((s) => s.code === code);
    if (twice) {
      const other = lines.find((l) => l.lineNo === twice.lineNo);
      return outcome(false, `该追溯码已在本次销售中扫过（${other?.name ?? '另一药品'}），同一盒药不能重复扫码`, { code: 'TRACE_DUPLICATE' });
    }
    const state = { ...line!, scans: scans.filter((s) => s.lineNo === lineNo), reason: undefined };
    const r = scanLine(state, code, codeFormat(this.d.setup().codePattern), line!.listCode, this.d.repo.history(code));
    if (!r.ok) return outcome(false, r.message, { code: r.code });
    if (!this.d.repo.addScan(visitId, { code, lineNo, units: r.units, warning: r.warning })) {
      return outcome(false, '该追溯码已在本次销售中扫过，同一盒药不能重复扫码', { code: 'TRACE_DUPLICATE' });
    }
    if (line!.reason) this.d.repo.setReason(visitId, lineNo, undefined);
    return outcome(true, `已扫码：${line!.name}`, { warning: r.warning });
  }

  remove(visitId: string, code: string): TraceSessionView {
    if (!this.d.repo.removeScan(visitId, code.trim())) refuse('TRACE_NOT_SCANNED', '本次销售中没有这个追溯码', 'code');
    return this.view(visitId);
  }

  reason(visitId: string, lineNo: string, reason: string | undefined): TraceSessionView {
    const line = this.d.repo.lines(visitId).find((l) => l.lineNo === lineNo);
    if (!line) refuse('TRACE_NO_LINE', '没有这条药品明细', 'lineNo');
    if (reason !== undefined && !(PICKABLE_REASONS as readonly string[]).includes(reason)) refuse('VALIDATION', '请从列表中选择未扫码原因', 'reason');
    if (reason !== undefined && this.d.repo.scans(visitId).some((s) => s.lineNo === lineNo)) {
      refuse('TRACE_HAS_CODES', '该药品已扫码；如确实无码，请先删除已扫的追溯码', 'reason');
    }
    this.d.repo.setReason(visitId, lineNo, reason);
    return this.view(visitId);
  }

  view(visitId: string): TraceSessionView {
    const scans = this.d.repo.scans(visitId);
    const lines = this.d.repo.lines(visitId).map((l) => lineView(l, scans.filter((s) => s.lineNo === l.lineNo)));
    return {
      visitId, enabled: true, lines, ready: lines.every((l) => l.ready), codeCount: scans.length,
      reasons: PICKABLE_REASONS.map((key) => ({ key, name: NO_CODE_REASONS[key] })), notes: [],
    };
  }
}

function lineView(l: SessionLine, scans: { code: string; units: string; warning?: string }[]): TraceLineView {
  const p = progressOf({ ...l, scans });
  return {
    lineNo: l.lineNo, name: l.name, listCode: l.listCode, quantity: l.quantity, pack: l.pack, split: l.split, ...p,
    reason: l.reason, reasonName: l.reason ? NO_CODE_REASONS[l.reason as NoCodeReason] : undefined,
    codes: scans.map((s) => ({ code: s.code, units: s.units, warning: s.warning })),
  };
}
