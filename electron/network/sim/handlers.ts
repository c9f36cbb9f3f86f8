// The simulator's transactions by infno ("A" revisions are aliases of their base transaction).
import type { Handler } from './context';
import { personInfo, signIn, signOut } from './handlers-person';
import {
  admit2401, cancelAdmission2404, cancelFees2205, cancelFees2302, cancelRegister2202, discharge2402, register2201, uploadFees2204, uploadFees2301, visitInfo2203,
} from './handlers-visit';
import { cancel2208, cancel2305, preSettle2206, preSettle2303, query5203, reverse2601, settle2207, settle2304 } from './handlers-settle';
import { details3202, download9102, totals3201, upload9101 } from './handlers-recon';

export const HANDLERS: Record<string, Handler> = {
  '9001': signIn,
  '9002': signOut,
  '1101': personInfo,
  '2201': register2201,
  '2202': cancelRegister2202,
  '2203': visitInfo2203,
  '2203A': visitInfo2203,
  '2204': uploadFees2204,
  '2205': cancelFees2205,
  '2206': preSettle2206,
  '2206A': preSettle2206,
  '2207': settle2207,
  '2207A': settle2207,
  '2208': cancel2208,
  '2301': uploadFees2301,
  '2302': cancelFees2302,
  '2303': preSettle2303,
  '2304': settle2304,
  '2305': cancel2305,
  '2401': admit2401,
  '2402': discharge2402,
  '2404': cancelAdmission2404,
  '2601': reverse2601,
  '3201': totals3201,
  '3202': details3202,
  '5203': query5203,
  '9101': upload9101,
  '9102': download9102,
};
