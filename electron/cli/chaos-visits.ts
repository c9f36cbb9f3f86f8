// The visits of the chaos run and of the network benchmark: demo persons, outpatient and
// inpatient bills made of items in the simulator's catalog (so both sides class them alike).
import { DEMO_PERSONS, type DemoPerson } from '../demo/persons';
import type { SettlementLineInput, SettlementVisitType } from '../api/contract';

export interface ChaosVisit {
  ref: string;
  person: DemoPerson;
  type: SettlementVisitType;
  date: string;
  lines: SettlementLineInput[];
}

/** The demo persons insured in the clinic's own region (Zibo). */
export function chaosPersons(): DemoPerson[] {
  return DEMO_PERSONS.filter((p) => p.region.startsWith('3703'));
}

function outpatient(i: number, date: string): SettlementLineInput[] {
  const n = 1 + (i % 3);
  return [
    { code: '001101000010000', name: '一般诊疗费', amount: '10.00', class: 'A', category: '12', time: `${date} 09:00:00` },
    { code: 'XJ01CAA046E001010100213', name: '阿莫西林', quantity: String(n), unitPrice: '12.50', amount: (12.5 * n).toFixed(2), class: 'A', category: '09', time: `${date} 09:05:00` },
    { code: 'XC10AAA199A001010101234', name: '阿托伐他汀', amount: '60.00', class: 'B', selfPayRatio: '0.10', category: '09', time: `${date} 09:05:00` },
    { code: 'QT0002', name: '病历复印（自费）', amount: '5.00', class: 'C', category: '14', time: `${date} 09:06:00` },
  ];
}

function inpatient(i: number, date: string): SettlementLineInput[] {
  const days = 2 + (i % 4);
  return [
    { code: '001103000010000', name: '普通病房床位费', quantity: String(days), unitPrice: '30.00', amount: (30 * days).toFixed(2), class: 'A', category: '01', time: `${date} 10:00:00` },
    { code: '001201000020000', name: '二级护理', quantity: String(days), unitPrice: '20.00', amount: (20 * days).toFixed(2), class: 'A', category: '07', time: `${date} 10:00:00` },
    { code: '002101020010000', name: 'CT平扫', amount: '450.00', class: 'B', selfPayRatio: '0.20', category: '03', time: `${date} 15:00:00` },
    { code: 'CW0002', name: '单人间床位差价', amount: '60.00', class: 'C', category: '01', time: `${date} 16:00:00` },
  ];
}

/** Visit number `i` (1-based) of a run: deterministic, so a restarted worker settles the same visits. */
export function chaosVisit(prefix: string, i: number): ChaosVisit {
  const persons = chaosPersons();
  const person = persons[i % persons.length];
  const day = 1 + (i % 28);
  const date = `2020-06-${String(day).padStart(2, '0')}`;
  const type: SettlementVisitType = i % 4 === 0 ? 'inpatient' : 'outpatient';
  return { ref: `${prefix}${i}`, person, type, date, lines: type === 'inpatient' ? inpatient(i, date) : outpatient(i, date) };
}
