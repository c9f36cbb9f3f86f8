// The demo persons (electron/demo/persons.ts) as simulated card, ID card and e-voucher content.
import { DEMO_PERSONS, DemoPerson } from '../demo/persons';
import type { SimulatedVoucherPerson } from '../../native/evoucher/decoder';
import type { IdCardRecord } from '../../native/records';
import type { SsCardContent } from '../../native/sim/sscard';

export function ssCardContent(p: DemoPerson): SsCardContent {
  return {
    cardId: p.card.cardId,
    cardType: '3',
    specVersion: p.card.specVersion,
    initOrg: p.card.cardId.slice(0, 6) + '000000' + '000001',
    issueDate: p.card.issueDate,
    expiryDate: p.card.expiryDate,
    cardNumber: p.card.cardNumber,
    ssn: p.idNumber,
    name: p.name,
    gender: p.gender,
    nation: p.nation,
    birthplace: p.idNumber.slice(0, 6),
    birthDate: p.birthDate,
  };
}

export function idCardContent(p: DemoPerson): IdCardRecord {
  return {
    name: p.name,
    gender: p.gender,
    nation: p.nation,
    birthDate: p.birthDate,
    address: p.address,
    idNumber: p.idNumber,
    authority: p.idCard.authority,
    validFrom: p.idCard.validFrom,
    validTo: p.idCard.validTo,
  };
}

export function voucherPersons(persons: DemoPerson[] = DEMO_PERSONS): SimulatedVoucherPerson[] {
  return persons.map((p) => ({
    code: p.eVoucherCode,
    idNumber: p.idNumber,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    nation: p.nation,
    region: p.idNumber.slice(0, 6),
  }));
}

export function demoPerson(key: string | undefined): DemoPerson {
  const p = key ? DEMO_PERSONS.find((x) => x.key === key) : DEMO_PERSONS[0];
  if (!p) throw new Error(`no demo person "${key}" (have: ${DEMO_PERSONS.map((x) => x.key).join(', ')})`);
  return p;
}
