// The one identity record the app gets, whatever the reader: what 1101 (人员信息获取) needs to
// look the patient up (mdtrt_cert_type / mdtrt_cert_no / card_sn) plus what the window shows.
import { maskIdNumber, maskName, maskNumber } from '../core/mask';
import type { EVoucherRecord, IdCardRecord, SsCardRecord } from '../../native/records';

export type IdentitySource = 'ssCard' | 'idCard' | 'eVoucher';

export interface PatientIdentity {
  source: IdentitySource;
  name: string;
  idNumber: string;
  /** "1" male, "2" female (as on the card). */
  gender: string;
  /** Two-digit nation code when the source has one. */
  nation?: string;
  birthDate?: string;
  /** Social security card: 卡号, 卡识别码 (32 hex), issuing region, dates, spec version. */
  cardNumber?: string;
  cardId?: string;
  cardRegion?: string;
  cardIssueDate?: string;
  cardExpiryDate?: string;
  specVersion?: string;
  /** ID card: address, issuing authority and validity. */
  address?: string;
  authority?: string;
  validTo?: string;
  /** E-voucher: the short-lived token and the insured region. */
  ecToken?: string;
  insuOrg?: string;
  /** For 1101: 01 e-voucher (ecToken), 02 ID card (ID number), 03 social security card (card number + card_sn). */
  certType: '01' | '02' | '03';
  certNo: string;
  cardSn?: string;
  /** ISO time of the read. */
  readAt: string;
}

export function fromSsCard(r: SsCardRecord, readAt: string): PatientIdentity {
  return {
    source: 'ssCard',
    name: r.name,
    idNumber: r.ssn,
    gender: r.gender,
    nation: r.nation || undefined,
    birthDate: r.birthDate || undefined,
    cardNumber: r.cardNumber,
    cardId: r.cardId,
    cardRegion: r.region,
    cardIssueDate: r.issueDate || undefined,
    cardExpiryDate: r.expiryDate || undefined,
    specVersion: r.specVersion || undefined,
    certType: '03',
    certNo: r.cardNumber,
    cardSn: r.cardId,
    readAt,
  };
}

export function fromIdCard(r: IdCardRecord, readAt: string): PatientIdentity {
  return {
    source: 'idCard',
    name: r.name,
    idNumber: r.idNumber,
    gender: r.gender,
    nation: r.nation,
    birthDate: r.birthDate,
    address: r.address,
    authority: r.authority,
    validTo: r.validTo,
    certType: '02',
    certNo: r.idNumber,
    readAt,
  };
}

export function fromEVoucher(r: EVoucherRecord, readAt: string): PatientIdentity {
  const birth = /^\d{8}$/.test(r.birthday) ? `${r.birthday.slice(0, 4)}-${r.birthday.slice(4, 6)}-${r.birthday.slice(6)}` : r.birthday;
  return {
    source: 'eVoucher',
    name: r.userName,
    idNumber: r.idNo,
    gender: r.gender,
    nation: r.nationality || undefined,
    birthDate: birth || undefined,
    ecToken: r.ecToken,
    insuOrg: r.insuOrg,
    certType: '01',
    certNo: r.ecToken,
    readAt,
  };
}

/** For logs and the setup screen's test read: personal data masked. */
export function maskIdentity(p: PatientIdentity): { source: IdentitySource; name: string; idNumber: string; cardNumber?: string } {
  return {
    source: p.source,
    name: maskName(p.name),
    idNumber: maskIdNumber(p.idNumber),
    cardNumber: p.cardNumber ? maskNumber(p.cardNumber) : undefined,
  };
}
