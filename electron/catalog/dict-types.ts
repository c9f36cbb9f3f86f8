// The 1901 dictionaries a window keeps (NETWORK-SPEC §11.1: the names the spec and clients use;
// 1901 answers one `type` at a time). Their values come from the download, never from here.
export const DICTIONARY_TYPES: string[] = [
  'INSUTYPE', 'MED_TYPE', 'PSN_TYPE', 'PSN_IDET_TYPE', 'CLR_TYPE', 'CLR_WAY', 'GEND', 'NATY', 'MDTRT_CERT_TYPE', 'PSN_CERT_TYPE',
  'PSN_INSU_STAS', 'CVLSERV_FLAG', 'DIAG_TYPE', 'MAINDIAG_FLAG', 'CHRGITM_LV', 'MED_CHRGITM_TYPE', 'LIST_TYPE', 'PSN_SETLWAY',
  'FUND_PAY_TYPE', 'STMT_RSLT', 'DSCG_WAY', 'TRT_CHK_TYPE', 'HOSP_APPR_FLAG', 'RX_CIRC_FLAG', 'RX_FLAG', 'TRDN_FLAG', 'VALI_FLAG',
  'REFD_SETL_FLAG', 'HI_FEESETL_TYPE', 'MDTRT_SETL_TYPE', 'MATN_TYPE', 'BIRCTRL_TYPE', 'TCMDRUG_USED_WAY', 'FIXMEDINS_TYPE',
  'HOSP_LV', 'OPTER_TYPE', 'HI_SETL_LV', 'DEPT',
];

/** Chinese names of the dictionaries the screens show. */
export const DICTIONARY_NAMES: Record<string, string> = {
  INSUTYPE: '险种类型', MED_TYPE: '医疗类别', PSN_TYPE: '人员类别', PSN_IDET_TYPE: '人员身份类别', CLR_TYPE: '清算类别', CLR_WAY: '清算方式',
  GEND: '性别', NATY: '民族', MDTRT_CERT_TYPE: '就诊凭证类型', PSN_CERT_TYPE: '人员证件类型', PSN_INSU_STAS: '参保状态',
  CVLSERV_FLAG: '公务员标志', DIAG_TYPE: '诊断类别', MAINDIAG_FLAG: '主诊断标志', CHRGITM_LV: '收费项目等级', MED_CHRGITM_TYPE: '医疗收费项目类别',
  LIST_TYPE: '目录类别', PSN_SETLWAY: '个人结算方式', FUND_PAY_TYPE: '基金支付类型', STMT_RSLT: '对账结果', DSCG_WAY: '离院方式',
  TRT_CHK_TYPE: '待遇检查类型', HOSP_APPR_FLAG: '医院审批标志', RX_CIRC_FLAG: '外购处方标志', RX_FLAG: '处方药标志', TRDN_FLAG: '拆零标志',
  VALI_FLAG: '有效标志', REFD_SETL_FLAG: '退费结算标志', HI_FEESETL_TYPE: '医保费用结算类型', MDTRT_SETL_TYPE: '就医结算类型',
  MATN_TYPE: '生育类别', BIRCTRL_TYPE: '计划生育手术类别', TCMDRUG_USED_WAY: '中药使用方式', FIXMEDINS_TYPE: '定点医药机构类型',
  HOSP_LV: '医院等级', OPTER_TYPE: '经办人类别', HI_SETL_LV: '医保结算等级', DEPT: '科室（科别）',
};
