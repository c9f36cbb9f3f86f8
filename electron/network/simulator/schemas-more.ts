// Input tables of the inpatient, catalog, dictionary, matching, reconciliation and traceability
// transactions (docs/NETWORK-SPEC.md §5, §7, §9, §10).
import { F, type NodeSpec } from './fields';

const data = (fields: string, extra: Partial<NodeSpec> = {}): NodeSpec[] => [{ name: 'data', fields: F(fields), ...extra }];

const DISEINFO_INPATIENT = `
  psn_no 人员编号 C30 Y
  diag_type 诊断类别 C3 Y DIAG_TYPE
  maindiag_flag 主诊断标志 C3 Y MAINDIAG_FLAG
  diag_srt_no 诊断排序号 N2 Y
  diag_code 诊断代码 C20 Y
  diag_name 诊断名称 C100 Y
  adm_cond 入院病情 C500
  diag_dept 诊断科室 C50 Y
  dise_dor_no 诊断医生编码 C30 Y
  dise_dor_name 诊断医生姓名 C50 Y
  diag_time 诊断时间 DT Y
`;

const ADMISSION = `
  psn_no 人员编号 C30 Y
  insutype 险种类型 C6 Y INSUTYPE
  coner_name 联系人姓名 C50
  tel 联系电话 C50
  begntime 开始时间 DT Y
  mdtrt_cert_type 就诊凭证类型 C3 Y MDTRT_CERT_TYPE
  mdtrt_cert_no 就诊凭证编号 C50 Y
  med_type 医疗类别 C6 Y MED_TYPE
  medrcdno 病历号 C30
  atddr_no 主治医生编码 C30 Y
  chfpdr_name 主诊医师姓名 C50 Y
  adm_diag_dscr 入院诊断描述 C200 Y
  adm_dept_codg 入院科室编码 C30 Y
  adm_dept_name 入院科室名称 C100 Y
  adm_bed 入院床位 C30 Y
  dscg_maindiag_code 住院主诊断代码 C20 Y
  dscg_maindiag_name 住院主诊断名称 C300 Y
  main_cond_dscr 主要病情描述 C1000
  dise_codg 病种编码 C30
  dise_name 病种名称 C500
  oprn_oprt_code 手术操作代码 C30
  oprn_oprt_name 手术操作名称 C500
  fpsc_no 计划生育服务证号 C50
  matn_type 生育类别 C6 MATN_TYPE
  birctrl_type 计划生育手术类别 C6 BIRCTRL_TYPE
  latechb_flag 晚育标志 C3
  geso_val 孕周数 N2
  fetts 胎次 N3
  fetus_cnt 胎儿数 N3
  pret_flag 早产标志 C3
  birctrl_matn_date 计划生育手术或生育日期 D
  dise_type_code 病种类型 C6
`;

const FEE_2301 = `
  feedetl_sn 费用明细流水号 C30 Y
  init_feedetl_sn 原费用流水号 C30
  mdtrt_id 就诊ID C30 Y
  drord_no 医嘱号 C30
  psn_no 人员编号 C30 Y
  med_type 医疗类别 C6 Y MED_TYPE
  fee_ocur_time 费用发生时间 DT Y
  med_list_codg 医疗目录编码 C50 Y
  medins_list_codg 医药机构目录编码 C150 Y
  det_item_fee_sumamt 明细项目费用总额 N16.2 Y
  cnt 数量 N16.4 Y
  pric 单价 N16.6 Y
  bilg_dept_codg 开单科室编码 C30 Y
  bilg_dept_name 开单科室名称 C100 Y
  bilg_dr_codg 开单医生编码 C30 Y
  bilg_dr_name 开单医师姓名 C50 Y
  acord_dept_codg 受单科室编码 C30
  acord_dept_name 受单科室名称 C100
  orders_dr_code 受单医生编码 C30
  orders_dr_name 受单医生姓名 C50
  hosp_appr_flag 医院审批标志 C3 HOSP_APPR_FLAG
  tcmdrug_used_way 中药使用方式 C6 TCMDRUG_USED_WAY
  etip_flag 外检标志 C3
  etip_hosp_code 外检医院编码 C30
  dscg_tkdrug_flag 出院带药标志 C3
  matn_fee_flag 生育费用标志 C6
  memo 备注 C500
`;

const IPT_SETTLE = `
  psn_no 人员编号 C30 Y
  mdtrt_cert_type 就诊凭证类型 C3 Y MDTRT_CERT_TYPE
  mdtrt_cert_no 就诊凭证编号 C50 Y
  medfee_sumamt 医疗费总额 N16.2 Y
  psn_setlway 个人结算方式 C6 Y PSN_SETLWAY
  mdtrt_id 就诊ID C30 Y
  insutype 险种类型 C6 Y INSUTYPE
  invono 发票号 C20
  mid_setl_flag 中途结算标志 C3 Y MID_SETL_FLAG
  fulamt_ownpay_amt 全自费金额 N16.2
  overlmt_selfpay 超限价金额 N16.2
  preselfpay_amt 先行自付金额 N16.2
  inscp_scp_amt 符合政策范围金额 N16.2
  dscg_time 出院时间 D
`;

const PAGE = `
  updt_time 更新时间 D Y
  page_num 当前页数 N4 Y
  page_size 本页数据量 N4 Y
`;

const SALE = `
  med_list_codg 医疗目录编码 C50 Y
  fixmedins_hilist_id 定点医药机构目录编号 C30 Y
  fixmedins_hilist_name 定点医药机构目录名称 C200 Y
  fixmedins_bchno 定点医药机构批次流水号 C30 Y
  setl_id 结算ID C30
  psn_no 人员编号 C30
  psn_cert_type 人员证件类型 C6 PSN_CERT_TYPE
  certno 证件号码 C50
  psn_name 人员姓名 C50
  manu_lotnum 生产批号 C30 Y
  manu_date 生产日期 D Y
  expy_end 有效期止 D
  rx_flag 处方药标志 C3 Y RX_FLAG
  trdn_flag 拆零标志 C3 Y TRDN_FLAG
  finl_trns_pric 最终成交单价 N16.6
  sel_retn_cnt 销售/退货数量 N16.4 Y
  sel_retn_time 销售/退货时间 DT Y
  sel_retn_opter_name 销售/退货经办人姓名 C50 Y
  memo 备注 C500
  mdtrt_sn 就医流水号 C30 Y
  drug_trac_codg 追溯码 C100
  drugtracinfo 溯源码节点信息 A
`;

const SELL = `${SALE}
  prsc_dr_cert_type 开方医师证件类型 C6 PSN_CERT_TYPE
  prsc_dr_certno 开方医师证件号码 C50
  prsc_dr_name 开方医师姓名 C50 Y
  phar_cert_type 药师证件类型 C6 PSN_CERT_TYPE
  phar_certno 药师证件号码 C50
  phar_name 药师姓名 C50 Y
  phar_prac_cert_no 药师执业资格证号 C50 Y
  hi_feesetl_type 医保费用结算类型 C6 Y HI_FEESETL_TYPE
  rxno 处方号 C40
  rx_circ_flag 外购处方标志 C3 Y RX_CIRC_FLAG
  rtal_docno 零售单据号 C40 Y
  stoout_no 销售出库单据号 C40
  bchno 批次号 C30
  drug_prod_barc 药品条形码 C30
  shelf_posi 货架位 C20
  mdtrt_setl_type 就诊结算类型 C6 MDTRT_SETL_TYPE
`;

const RETURN = `${SALE}
  medins_prod_sel_no 商品销售流水号 C50
`;

const CATALOG_FILE = data('ver 版本号 C20 Y');

export const MORE_SCHEMAS: Record<string, NodeSpec[]> = {
  '2401': [{ name: 'mdtrtinfo', fields: F(`${ADMISSION}\nipt_no 住院号 C30 Y`) }, { name: 'diseinfo', array: true, fields: F(DISEINFO_INPATIENT) }],
  '2403': [
    { name: 'adminfo', fields: F(`${ADMISSION}\nmdtrt_id 就诊ID C30 Y\nendtime 结束时间 DT\nipt_otp_no 住院/门诊号 C30 Y`) },
    { name: 'diseinfo', array: true, fields: F(`${DISEINFO_INPATIENT}\nmdtrt_id 就诊ID C30 Y`) },
  ],
  '2402': [
    {
      name: 'dscginfo',
      fields: F(`
        mdtrt_id 就诊ID C30 Y
        psn_no 人员编号 C30 Y
        insutype 险种类型 C6 Y INSUTYPE
        endtime 结束时间 DT Y
        dise_codg 病种编码 C30
        dise_name 病种名称 C500
        oprn_oprt_code 手术操作代码 C30
        oprn_oprt_name 手术操作名称 C500
        fpsc_no 计划生育服务证号 C50
        matn_type 生育类别 C6 MATN_TYPE
        birctrl_type 计划生育手术类别 C6 BIRCTRL_TYPE
        latechb_flag 晚育标志 C3
        geso_val 孕周数 N2
        fetts 胎次 N3
        fetus_cnt 胎儿数 N3
        pret_flag 早产标志 C3
        birctrl_matn_date 计划生育手术或生育日期 D
        cop_flag 伴有并发症标志 C3
        dscg_dept_codg 出院科室编码 C30 Y
        dscg_dept_name 出院科室名称 C100 Y
        dscg_bed 出院床位 C30
        dscg_way 离院方式 C3 Y DSCG_WAY
        die_date 死亡日期 D
      `),
    },
    { name: 'diseinfo', array: true, fields: F(DISEINFO_INPATIENT) },
  ],
  '2404': data('mdtrt_id 就诊ID C30 Y\npsn_no 人员编号 C30 Y'),
  '2405': data('mdtrt_id 就诊ID C30 Y\npsn_no 人员编号 C30 Y'),
  '2301': [{ name: 'feedetail', array: true, min: 1, max: 100, fields: F(FEE_2301) }],
  '2302': data('feedetl_sn 费用明细流水号 C30 Y\nmdtrt_id 就诊ID C30 Y\npsn_no 人员编号 C30 Y'),
  '2303': data(`${IPT_SETTLE}\nacct_used_flag 个人账户使用标志 C1 ACCT_USED_FLAG`),
  '2304': data(`${IPT_SETTLE}\nacct_used_flag 个人账户使用标志 C1 Y ACCT_USED_FLAG`),
  '2305': data('mdtrt_id 就诊ID C30 Y\nsetl_id 结算ID C30 Y\npsn_no 人员编号 C30 Y'),
  '1901': data(`
    type 字典类型 C30 Y
    parentValue 父字典键值 C10
    admdvs 行政区划 C6 Y
    date 查询日期 D Y
    valiFlag 有效标志 C3
    vali_flag 有效标志 C3
  `),
  '1312': data(`${PAGE}
    query_date 查询时间点 D
    hilist_code 医保目录编码 C30
    insu_admdvs 参保机构医保区划 C6
    begndate 开始日期 D
    hilist_name 医保目录名称 C200
    med_chrgitm_type 医疗收费项目类别 C6 MED_CHRGITM_TYPE
    chrgitm_lv 收费项目等级 C3 CHRGITM_LV
    list_type 目录类别 C3 LIST_TYPE
    vali_flag 有效标志 C3 VALI_FLAG
  `),
  '1316': data(`${PAGE}\nquery_date 查询时间点 D\nmedins_list_codg 医疗目录编码 C30\nhilist_code 医保目录编码 C30\nlist_type 目录类别 C3 LIST_TYPE\nvali_flag 有效标志 C3 VALI_FLAG`),
  '1317': data(`${PAGE}
    query_date 查询时间点 D
    fixmedins_code 定点医药机构编号 C30
    medins_list_codg 定点医药机构目录编号 C150
    medins_list_name 定点医药机构目录名称 C200
    list_type 目录类别 C3 LIST_TYPE
    med_list_codg 医疗目录编码 C50
    vali_flag 有效标志 C3 VALI_FLAG
  `),
  '1318': data(`${PAGE}\nquery_date 查询时间点 D\nhilist_code 医保目录编码 C30\nvali_flag 有效标志 C3 VALI_FLAG`),
  '1319': data(`${PAGE}\nquery_date 查询时间点 D\nhilist_code 医保目录编码 C30\nvali_flag 有效标志 C3 VALI_FLAG`),
  '3301': [
    {
      name: 'data',
      array: true,
      min: 1,
      max: 100,
      alias: ['catalogcompin'],
      fields: F(`
        fixmedins_hilist_id 定点医药机构目录编号 C30 Y
        fixmedins_hilist_name 定点医药机构目录名称 C100 Y
        list_type 目录类别 C30 Y LIST_TYPE
        med_list_codg 医疗目录编码 C50 Y
        begndate 开始日期 D
        enddate 结束日期 D
        aprvno 批准文号 C30
        dosform 剂型 C200
        exct_cont 除外内容 C2000
        item_cont 项目内涵 C2000
        prcunt 计价单位 C100
        spec 规格 C200
        pacspec 包装规格 C100
        memo 备注 C500
      `),
    },
  ],
  '3302': data(`
    fixmedins_code 定点医药机构编号 C30 Y
    fixmedins_hilist_id 定点医药机构目录编号 C30 Y
    list_type 目录类别 C30 Y LIST_TYPE
    med_list_codg 医疗目录编码 C50 Y
  `, { alias: ['catalog'] }),
  '3201': data(`
    insutype 险种 C6 Y INSUTYPE
    clr_type 清算类别 C6 Y CLR_TYPE
    setl_optins 结算经办机构 C6 Y
    stmt_begndate 对账开始日期 D Y
    stmt_enddate 对账结束日期 D Y
    medfee_sumamt 医疗费总额 N16.2 Y
    fund_pay_sumamt 基金支付总额 N16.2 Y
    acct_pay 个人账户支付金额 N16.2 Y
    fixmedins_setl_cnt 定点医药机构结算笔数 N10 Y
    refd_setl_flag 退费结算标志 C3 REFD_SETL_FLAG
  `),
  '3202': data(`
    setl_optins 结算经办机构 C6 Y
    file_qury_no 文件查询号 C100 Y
    stmt_begndate 对账开始日期 D Y
    stmt_enddate 对账结束日期 D Y
    medfee_sumamt 医疗费总额 N16.2 Y
    fund_pay_sumamt 基金支付总额 N16.2 Y
    cash_payamt 现金支付金额 N16.2 Y
    fixmedins_setl_cnt 定点医药机构结算笔数 N10 Y
    clr_type 清算类别 C6 CLR_TYPE
    refd_setl_flag 退费结算标志 C3 REFD_SETL_FLAG
  `),
  '3505': [{ name: 'selinfo', fields: F(SELL) }],
  '3505A': [{ name: 'selinfoDetail', array: true, min: 1, max: 100, fields: F(SELL) }],
  '3506': [{ name: 'selinfo', fields: F(RETURN) }],
  '3513': data(`
    fixmedins_code 定点医药机构编号 C30 Y
    medins_list_codg 医疗机构目录编码 C150
    fixmedins_bchno 定点医药机构批次流水号 C30
    begndate 开始日期 D
    enddate 结束日期 D
    med_list_codg 医疗目录编码 C50
    mdtrt_id 就诊ID C30
    psn_no 人员编号 C30
    drug_trac_codg 追溯码 C30
  `),
};

/** Catalog downloads served as files (ver in, file reference out). */
export const FILE_CATALOGS = ['1301', '1302', '1303', '1305', '1306', '1307', '1308', '1309', '1310', '1311', '1313', '1314', '1315'];
for (const infno of FILE_CATALOGS) MORE_SCHEMAS[infno] = CATALOG_FILE;
