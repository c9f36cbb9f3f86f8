// The schema a cached person (1101 and 5301 as the client parsed them, kept in the person cache
// for offline settlement) is read back through. The type stays NetPerson (types.ts); the
// assignment at the end makes the compiler prove the schema's output is one. Objects are loose:
// a field a newer build added is kept, not dropped.
import * as v from 'valibot';
import type { NetPerson } from './types';

const text = v.string();
const obj = <E extends v.ObjectEntries>(entries: E) => v.looseObject(entries);

const insurance = obj({
  insutype: text, personType: text, status: text, since: text, pausedSince: text, civilServant: v.boolean(), region: text, employer: text, balance: text,
});

const schema = obj({
  personNo: text,
  insutype: text,
  insuranceRegion: text,
  name: text,
  idNumber: text,
  idType: text,
  gender: text,
  nation: text,
  birthDate: text,
  insuranceType: v.picklist(['resident', 'employee']),
  personType: text,
  insuranceStatus: text,
  insurances: v.array(insurance),
  accountBalance: text,
  identities: v.array(v.picklist(['poverty', 'lowIncome', 'destitute', 'severeDisability', 'atRisk'])),
  identityRows: v.array(obj({ code: text, level: text, begin: text, end: text })),
  enrolled: v.array(text),
  chronic: v.array(obj({ code: text, networkCode: text, name: text, clinic: text, begin: text, end: text })),
});

export const NetPersonSchema: v.GenericSchema<unknown, NetPerson> = schema;
