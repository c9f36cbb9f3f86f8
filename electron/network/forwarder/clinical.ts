// The clinical side of a visit as the network's visit transactions need it (2201 doctor,
// department, caty; 2203 diagnoses and the chronic disease; 2204 ordering doctor and department;
// 2401/2402 diagnoses and bed). A stored settlement does not carry these: they come from the HIS
// visit it settled, the person's chronic registrations (5301) and the setup (defaults and code
// maps). What none of them gives stays empty, and the client refuses to send it (never empty).
// Pure: the sources are handed in.
import type { CodeName, Diagnosis, NetChronicRegistration } from '../client';
import type { SettlementDoc } from '../../store/settlements';

export interface VisitClinical {
  dept: CodeName;
  /** 科别 (DEPT dictionary). */
  caty: string;
  doctor: CodeName;
  /** National (1307) codes; the first is the main diagnosis. */
  diagnoses: Diagnosis[];
  /** Chronic visits: the registered disease (the network's 5301 code). */
  disease?: CodeName;
  bed?: string;
  dischargeWay?: string;
}

/** Setup of the visit data (settings key "network.visit"; the built-in network fills demo values). */
export interface VisitSetup {
  /** For visits whose HIS sent none (hand-entered lines): the department and doctor. */
  dept?: CodeName;
  doctor?: CodeName;
  /** 科别 per HIS department code, and the default. */
  catyByDept?: Record<string, string>;
  caty?: string;
  /** HIS diagnosis code -> the national (医保版 ICD-10, 1307) code and name; other codes go as they are. */
  diagnosisMap?: Record<string, CodeName>;
  /** A diagnosis for a visit that has none (only where the site decided so). */
  defaultDiagnosis?: CodeName;
  /** adm_bed / dscg_bed when the HIS sends none, and dscg_way (default "1"). */
  bed?: string;
  dischargeWay?: string;
}

/** What the HIS sent with the visit (electron/his types, read loosely). */
export interface HisClinical {
  department?: { code?: string; name: string };
  doctor?: { code?: string; name: string };
  diagnoses?: { code: string; name?: string }[];
  extra?: Record<string, unknown>;
}

/** What of a visit (a settlement document, or a visit about to be settled) its clinical data depend on. */
export type ClinicalDoc = Pick<SettlementDoc, 'visitRef' | 'visitSource' | 'visitType' | 'visitDate' | 'chronicCode'> & { person: Pick<SettlementDoc['person'], 'personNo'> };

export interface ClinicalSources {
  his?: HisClinical;
  /** The person's registrations as last read (5301). */
  chronic?: NetChronicRegistration[];
  setup: VisitSetup;
}

const codeName = (v: { code?: string; name?: string } | undefined): CodeName | undefined =>
  v?.code?.trim() && v.name?.trim() ? { code: v.code.trim(), name: v.name.trim() } : undefined;

function diagnosesOf(his: HisClinical | undefined, setup: VisitSetup): Diagnosis[] {
  const list = (his?.diagnoses ?? []).filter((d) => d.code?.trim()).map((d) => {
    const mapped = setup.diagnosisMap?.[d.code.trim()];
    return mapped ? { code: mapped.code, name: mapped.name } : { code: d.code.trim(), name: (d.name ?? '').trim() };
  });
  if (list.length) return list;
  return setup.defaultDiagnosis ? [{ ...setup.defaultDiagnosis }] : [];
}

/** The registration a chronic visit is for: the one chosen at the window, else one matching a diagnosis, else the only valid one. */
function diseaseOf(doc: ClinicalDoc, his: HisClinical | undefined, chronic: NetChronicRegistration[] | undefined): CodeName | undefined {
  if (doc.visitType !== 'chronicOutpatient' || !chronic?.length) return undefined;
  const day = doc.visitDate;
  const valid = chronic.filter((c) => (!c.begin || c.begin.slice(0, 10) <= day) && (!c.end || day <= c.end.slice(0, 10)));
  const chosen = doc.chronicCode ? valid.find((c) => c.code === doc.chronicCode || c.networkCode === doc.chronicCode) : undefined;
  if (chosen) return { code: chosen.networkCode, name: chosen.name };
  const codes = new Set((his?.diagnoses ?? []).map((d) => d.code.trim()));
  const hit = valid.find((c) => codes.has(c.code) || codes.has(c.networkCode));
  const reg = hit ?? (valid.length === 1 ? valid[0] : undefined);
  return reg ? { code: reg.networkCode, name: reg.name } : undefined;
}

export function visitClinical(doc: ClinicalDoc, s: ClinicalSources): VisitClinical {
  const his = doc.visitSource === 'his' ? s.his : undefined;
  const dept = codeName(his?.department) ?? s.setup.dept ?? { code: '', name: '' };
  const hisDeptCode = his?.department?.code?.trim() ?? '';
  const bed = typeof his?.extra?.bed === 'string' ? his.extra.bed : s.setup.bed;
  return {
    dept,
    caty: (hisDeptCode && s.setup.catyByDept?.[hisDeptCode]) || s.setup.caty || '',
    doctor: codeName(his?.doctor) ?? s.setup.doctor ?? { code: '', name: '' },
    diagnoses: diagnosesOf(his, s.setup),
    disease: diseaseOf(doc, his, s.chronic),
    bed,
    dischargeWay: s.setup.dischargeWay ?? '1',
  };
}
