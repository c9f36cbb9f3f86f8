// Every transaction the simulated platform serves: its input tables and its handler.
import type { Handler } from './context';
import type { NodeSpec } from './fields';
import { catalogFile, capQuery, hilistQuery, listMatchQuery, matchQuery, matchUndo, matchUpload, selfpayQuery } from './handlers-catalog';
import {
  admit, cancelAdmission, cancelDischarge, cancelInpatient, changeAdmission, discharge, inpatientFees, preSettleInpatient, settleInpatient, withdrawInpatientFees,
} from './handlers-inpatient';
import { chronicRegistrations, entitlement, personInfo, yearToDate } from './handlers-person';
import { detailReconcile, totalReconcile } from './handlers-recon';
import { dictionary, download, institutions, signIn, signOut, upload } from './handlers-session';
import { cancelOutpatient, preSettle, reverse, settleOutpatient, settlementQuery } from './handlers-settle';
import { sale, saleBatch, saleReturn, traceQuery } from './handlers-trace';
import { feeUpload, feeWithdraw, register, unregister, visitInfo } from './handlers-visit';
import { CORE_SCHEMAS } from './schemas-core';
import { FILE_CATALOGS, MORE_SCHEMAS } from './schemas-more';

export interface Transaction {
  nodes: NodeSpec[];
  handler: Handler;
}

const HANDLERS: Record<string, Handler> = {
  '9001': signIn, '9002': signOut, '9101': upload, '9102': download, '1201': institutions, '1901': dictionary,
  '1101': personInfo, '2001': entitlement, '5206': yearToDate, '5301': chronicRegistrations,
  '2201': register, '2202': unregister, '2203': visitInfo, '2203A': visitInfo, '2204': feeUpload, '2205': feeWithdraw,
  '2206': preSettle, '2207': settleOutpatient, '2208': cancelOutpatient, '5203': settlementQuery, '2601': reverse,
  '2401': admit, '2402': discharge, '2403': changeAdmission, '2404': cancelAdmission, '2405': cancelDischarge,
  '2301': inpatientFees, '2302': withdrawInpatientFees, '2303': preSettleInpatient, '2304': settleInpatient, '2305': cancelInpatient,
  '1312': hilistQuery, '1316': listMatchQuery, '1317': matchQuery, '1318': capQuery, '1319': selfpayQuery, '3301': matchUpload, '3302': matchUndo,
  '3201': totalReconcile, '3202': detailReconcile, '3505': sale, '3505A': saleBatch, '3506': saleReturn, '3513': traceQuery,
  ...Object.fromEntries(FILE_CATALOGS.map((infno) => [infno, catalogFile])),
};

const SCHEMAS: Record<string, NodeSpec[]> = { ...CORE_SCHEMAS, ...MORE_SCHEMAS };

export const TRANSACTIONS: Record<string, Transaction> = Object.fromEntries(
  Object.entries(HANDLERS).map(([infno, handler]) => {
    const nodes = SCHEMAS[infno];
    if (!nodes) throw new Error(`transaction ${infno} has no input table`);
    return [infno, { nodes, handler }];
  }),
);

/** Transactions that change nothing: a gateway re-delivery of them needs no idempotency. */
export const READ_ONLY = new Set(['1101', '1201', '1901', '2001', '2206', '2303', '5203', '5206', '5301', '9102', '1312', '1316', '1317', '1318', '1319', '3201', '3513']);
