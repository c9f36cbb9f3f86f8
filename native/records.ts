// The records the drivers produce. Dates are YYYY-MM-DD; codes are as on the card.

/** Social security card basic data (EF05 + EF06), also what the vendor DLL line yields. */
export interface SsCardRecord {
  /** 卡识别码: 32 upper-case hex digits. */
  cardId: string;
  /** 卡号, e.g. "X00000019". */
  cardNumber: string;
  /** 社会保障号码 (= ID number). */
  ssn: string;
  name: string;
  /** "1" male, "2" female. */
  gender: string;
  /** Two-digit nation code, "01" = 汉. */
  nation: string;
  birthDate: string;
  issueDate: string;
  expiryDate: string;
  /** 发卡地区行政区划代码: the first 6 digits of cardId. */
  region: string;
  /** 规范版本, e.g. "3.00". */
  specVersion: string;
}

/** Resident ID card text fields (GA 467 text block). */
export interface IdCardRecord {
  name: string;
  gender: string;
  nation: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  /** YYYY-MM-DD or "长期". */
  validTo: string;
}

/** What the e-voucher decode service returns for a scanned code. */
export interface EVoucherRecord {
  /** 40-character token for 1101 with mdtrt_cert_type 01; short-lived, never stored as identity. */
  ecToken: string;
  idNo: string;
  idType: string;
  userName: string;
  /** 6-digit insurance region. */
  insuOrg: string;
  gender: string;
  birthday: string;
  nationality: string;
  ecIndexNo: string;
}
