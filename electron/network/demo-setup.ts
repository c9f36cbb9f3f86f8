// What a technician would set up for the built-in simulator, as they would for a real network
// from its dictionaries: the simulator's PSN_IDET_TYPE codes (1901) mapped to our identities,
// its chronic-disease codes (5301, the 1309 catalog) mapped to the packs' codes, and the visit
// data the demo HIS does not send (departments' 科别, a doctor and department for hand-entered
// lines, its diagnosis codes in the national 1307 form). Used in the built-in mode only; a
// real endpoint's setup starts empty ("network.site" settings).
import { DEMO_PERSONS, type Identity } from '../demo/persons';
import { IDET_CODE, platformPersons } from './simulator/persons';
import type { VisitSetup } from './forwarder/clinical';

/** The simulator's PSN_IDET_TYPE code -> our identity. */
export function demoIdentityMap(): Record<string, Identity> {
  return Object.fromEntries(Object.entries(IDET_CODE).map(([id, code]) => [code, id as Identity]));
}

/** The simulator's 5301 codes -> the demo packs' chronic codes (the same person's registrations, in order). */
export function demoChronicMap(): Record<string, string> {
  const out: Record<string, string> = {};
  const platform = new Map(platformPersons().map((p) => [p.psn_no, p]));
  for (const d of DEMO_PERSONS) {
    const p = platform.get(d.personNo);
    d.chronic.forEach((c, i) => {
      const net = p?.chronic[i]?.opsp_dise_code;
      if (net) out[net] = c.code;
    });
  }
  return out;
}

/** The demo HIS's departments, doctor and diagnosis codes as the simulator's dictionaries and 1307 catalog hold them. */
export function demoVisitSetup(): VisitSetup {
  return {
    dept: { code: 'MZ01', name: '全科门诊' },
    doctor: { code: 'D0007', name: '刘建华' },
    caty: 'A02',
    catyByDept: { MZ01: 'A02', MB01: 'A03', NK01: 'A03' },
    diagnosisMap: {
      'J06.9': { code: 'J06.900', name: '急性上呼吸道感染' },
      'J18.9': { code: 'J18.900', name: '肺炎' },
      'J20.9': { code: 'J20.900', name: '急性支气管炎' },
      'K29.1': { code: 'K29.100', name: '急性胃炎' },
      I10: { code: 'I10.x00', name: '特发性（原发性）高血压' },
      E11: { code: 'E11.900', name: '2型糖尿病' },
    },
    defaultDiagnosis: { code: 'Z00.000', name: '一般医学检查' },
    bed: '01',
    dischargeWay: '1',
  };
}
