// DEMO / SIMULATOR ONLY: the demo persons' cards and which one sits in the simulated reader, so a
// newcomer (and the end-to-end tests) can read any demo patient's card with one keypress.
import type { DemoCardView } from '../api/contract';
import type { ReaderService } from '../devices';
import { DEMO_PERSONS } from '../demo/persons';
import { maskIdNumber, maskName } from '../core/mask';
import { AppFailure } from '../core/result';

const LABELS: Record<string, string> = {
  poor: '贫困人口·住院/慢病',
  lowIncome: '低保对象·慢病',
  destitute: '特困人员',
  ordinary: '普通居民',
  employee: '职工·个人账户',
  disabled: '重度残疾人',
  anhuiPoor: '安徽贫困人口',
};

export function demoCards(reader: ReaderService | undefined): DemoCardView[] {
  const sim = reader?.simulator();
  if (!sim) return [];
  return DEMO_PERSONS.map((p) => ({
    key: p.key,
    label: LABELS[p.key] ?? p.key,
    nameMasked: maskName(p.name),
    idMasked: maskIdNumber(p.idNumber),
    inReader: sim.cardPresent && sim.personKey === p.key,
    // Demo persons are invented: shown in full (marked 演示 on screen) so card-free can be tried.
    demoName: p.name,
    demoIdNumber: p.idNumber,
  }));
}

export function insertDemoCard(reader: ReaderService | undefined, personKey: string): DemoCardView[] {
  const sim = reader?.simulator();
  if (!sim) throw new AppFailure({ code: 'NOT_SIMULATED', message: '当前读卡器不是模拟读卡器（仅演示时可选卡）', detail: 'insertCard needs the simulated reader' });
  const r = sim.insert(personKey);
  if (!r.ok) throw new AppFailure(r.error);
  return demoCards(reader);
}
