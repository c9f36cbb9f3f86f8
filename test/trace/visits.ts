// A HIS visit with three drug lines (one sold from a split pack) for the trace tests: amoxicillin
// 24 capsules (one box of 24), ibuprofen 12 capsules (of a box of 20: split), Lianhua Qingwen 24
// capsules (one box of 24), and a consultation.
import { Dec, roundFen } from '../../electron/core/money';
import { chinaDate } from '../../electron/core/time';
import { demoPersonByKey } from '../../electron/demo/persons';
import type { HisVisitInput } from '../../electron/his/types';

export function drugVisit(id: string, now: Date, personKey = 'ordinary'): HisVisitInput {
  const p = demoPersonByKey(personKey)!;
  const t = `${chinaDate(now)} 10:05:00`;
  const line = (lineNo: string, itemCode: string, itemName: string, quantity: string, unitPrice: string, packSize?: number) => ({
    lineNo, itemCode, itemName, quantity, unitPrice, amount: roundFen(new Dec(quantity).times(unitPrice)).toFixed(2), time: t, ...(packSize ? { packSize } : {}),
  });
  return {
    hisVisitId: id,
    visitType: 'outpatient',
    patient: { idNumber: p.idNumber, name: p.name, cardNumber: p.card.cardNumber, insuranceRegion: p.region },
    department: { code: 'MZ01', name: '全科门诊' },
    doctor: { code: 'D0007', name: '刘建华' },
    diagnoses: [{ code: 'J06.9', name: '急性上呼吸道感染' }],
    visitTime: t,
    lines: [
      line('1', 'ZC0002', '一般诊疗费', '1', '10.00'),
      line('2', 'YP0005', '阿莫西林胶囊 0.25g', '24', '0.1250', 24),
      line('3', 'YP0006', '布洛芬缓释胶囊 0.3g', '12', '0.4200', 20),
      line('4', 'ZY0001', '连花清瘟胶囊', '24', '0.5500', 24),
    ],
  };
}
