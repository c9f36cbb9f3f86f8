// 3505 (sale) and 3506 (return) of a dispensed drug line with its traceability codes: the node
// `selinfo` with the codes in `drugtracinfo[]` (the current spec; NETWORK-SPEC §10.1).
import { RequestIncompleteError } from './required';
import type { DrugSaleInput } from './types';

const t = (v: string | undefined) => (v ?? '').trim();

export function drugSaleInput(i: DrugSaleInput, sale: boolean): Record<string, unknown> {
  const infno = sale ? '3505' : '3506';
  if (!t(i.settlementId)) throw new RequestIncompleteError(infno, 'selinfo.setl_id', '结算ID', '不能为空（医保结算的药品）');
  const seen = new Set<string>();
  for (const c of i.codes) {
    if (seen.has(c)) throw new RequestIncompleteError(infno, 'selinfo.drugtracinfo', '追溯码', `重复（${c}）`);
    seen.add(c);
  }
  const row: Record<string, unknown> = {
    med_list_codg: t(i.listCode), fixmedins_hilist_id: t(i.hospCode), fixmedins_hilist_name: t(i.hospName), fixmedins_bchno: t(i.batchNo),
    setl_id: t(i.settlementId), psn_no: i.person.personNo, psn_cert_type: t(i.person.certType), certno: t(i.person.idNumber),
    psn_name: t(i.person.name), manu_lotnum: t(i.lotNo), manu_date: t(i.madeOn), expy_end: t(i.expiresOn), rx_flag: i.prescription ? '1' : '0',
    trdn_flag: i.splitPack ? '1' : '0', finl_trns_pric: t(i.unitPrice), sel_retn_cnt: i.quantity, sel_retn_time: i.time,
    sel_retn_opter_name: t(i.operatorName), memo: '', mdtrt_sn: t(i.visitNo), drugtracinfo: i.codes.map((c) => ({ drug_trac_codg: c })),
  };
  if (sale) {
    Object.assign(row, {
      prsc_dr_name: t(i.prescriber), phar_name: t(i.pharmacist.name), phar_prac_cert_no: t(i.pharmacist.certNo),
      hi_feesetl_type: i.feeSettleType ?? '1', rxno: t(i.prescriptionNo), rx_circ_flag: '0', rtal_docno: t(i.documentNo), mdtrt_setl_type: '1',
    });
  }
  return { selinfo: row };
}
