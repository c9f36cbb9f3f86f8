// Input tables of the envelope and of the session, person, outpatient and recovery transactions
// (docs/NETWORK-SPEC.md §1.4, §3, §4, §6, §8). Conditional requirements are the handlers' job.
import { F, type NodeSpec } from './fields';

export const ENVELOPE = F(`
  infno 交易编号 C6 Y
  msgid 发送方报文ID C30 Y
  mdtrtarea_admvs 就医地医保区划 C6 Y
  insuplc_admdvs 参保地医保区划 C6
  recer_sys_code 接收方系统代码 C10 Y
  dev_no 设备编号 C100
  dev_safe_info 设备安全信息 C2000
  cainfo 数字签名信息 C1024
  signtype 签名类型 C10
  infver 接口版本号 C6 Y
  opter_type 经办人类别 C3 Y OPTER_TYPE
  opter 经办人 C30 Y
  opter_name 经办人姓名 C50 Y
  inf_time 交易时间 DT Y
  fixmedins_code 定点医药机构编号 C30 Y
  fixmedins_name 定点医药机构名称 C200 Y
  sign_no 交易签到流水号 C30
`);

const data = (fields: string, extra: Partial<NodeSpec> = {}): NodeSpec[] => [{ name: 'data', fields: F(fields), ...extra }];

const DISEINFO_OUTPATIENT = F(`
  diag_type 诊断类别 C3 Y DIAG_TYPE
  diag_srt_no 诊断排序号 N2 Y
  diag_code 诊断代码 C20 Y
  diag_name 诊断名称 C100 Y
  diag_dept 诊断科室 C50 Y
  dise_dor_no 诊断医生编码 C30 Y
  dise_dor_name 诊断医生姓名 C50 Y
  diag_time 诊断时间 DT Y
  vali_flag 有效标志 C3 Y VALI_FLAG
`);

const SETTLE_BASE = `
  psn_no 人员编号 C30 Y
  mdtrt_cert_type 就诊凭证类型 C3 Y MDTRT_CERT_TYPE
  mdtrt_cert_no 就诊凭证编号 C50 Y
  med_type 医疗类别 C6 Y MED_TYPE
  medfee_sumamt 医疗费总额 N16.2 Y
  psn_setlway 个人结算方式 C6 Y PSN_SETLWAY
  mdtrt_id 就诊ID C30 Y
  chrg_bchno 收费批次号 C30 Y
  acct_used_flag 个人账户使用标志 C1 Y ACCT_USED_FLAG
  insutype 险种类型 C6 Y INSUTYPE
`;

export const CORE_SCHEMAS: Record<string, NodeSpec[]> = {
  '9001': [{ name: 'signIn', fields: F('opter_no 操作员编号 C20 Y\nmac 签到MAC地址 C20 Y\nip 签到IP地址 C20 Y') }],
  '9002': [{ name: 'signOut', fields: F('sign_no 签到编号 C30 Y\nopter_no 操作员编号 C20 Y') }],
  '9101': [{ name: 'fsUploadIn', fields: F('filename 文件名 C200 Y\nfixmedins_code 医药机构编号 C30 Y') }],
  '9102': [{ name: 'fsDownloadIn', fields: F('file_qury_no 文件查询号 C100 Y\nfilename 文件名 C200 Y\nfixmedins_code 医药机构编号 C30 Y') }],
  '1101': data(`
    mdtrt_cert_type 就诊凭证类型 C3 Y MDTRT_CERT_TYPE
    mdtrt_cert_no 就诊凭证编号 C50 Y
    card_sn 卡识别码 C32
    begntime 开始时间 DT
    psn_cert_type 人员证件类型 C6 PSN_CERT_TYPE
    certno 证件号码 C50
    psn_name 人员姓名 C50
  `),
  '1201': [{ name: 'medinsinfo', fields: F('fixmedins_type 定点医疗服务机构类型 C6 Y FIXMEDINS_TYPE\nfixmedins_name 定点医药机构名称 C200\nfixmedins_code 定点医药机构编号 C12') }],
  '2001': data(`
    psn_no 人员编号 C30 Y
    insutype 险种类型 C6 Y INSUTYPE
    fixmedins_code 定点医药机构编号 C12 Y
    med_type 医疗类别 C6 Y MED_TYPE
    begntime 开始时间 DT Y
    endtime 结束时间 DT
    dise_codg 病种编码 C30
    dise_name 病种名称 C500
    oprn_oprt_code 手术操作代码 C30
    oprn_oprt_name 手术操作名称 C500
    matn_type 生育类别 C6 MATN_TYPE
    birctrl_type 计划生育手术类别 C6 BIRCTRL_TYPE
  `),
  '5206': data('psn_no 人员编号 C30 Y\ncum_ym 累计年月 C6'),
  '5301': data('psn_no 人员编号 C30 Y'),
  '2201': data(`
    psn_no 人员编号 C30 Y
    insutype 险种类型 C6 Y INSUTYPE
    begntime 开始时间 DT Y
    mdtrt_cert_type 就诊凭证类型 C3 Y MDTRT_CERT_TYPE
    mdtrt_cert_no 就诊凭证编号 C50 Y
    ipt_otp_no 住院/门诊号 C30 Y
    atddr_no 医师编码 C30 Y
    dr_name 医师姓名 C50 Y
    dept_code 科室编码 C30 Y
    dept_name 科室名称 C100 Y
    caty 科别 C6 Y DEPT
  `),
  '2202': data('psn_no 人员编号 C30 Y\nmdtrt_id 就诊ID C30 Y\nipt_otp_no 住院/门诊号 C30 Y'),
  '2203': [
    {
      name: 'mdtrtinfo',
      fields: F(`
        mdtrt_id 就诊ID C30 Y
        psn_no 人员编号 C30 Y
        med_type 医疗类别 C6 Y MED_TYPE
        begntime 开始时间 DT Y
        main_cond_dscr 主要病情描述 C1000
        dise_codg 病种编码 C30
        dise_name 病种名称 C500
        birctrl_type 计划生育手术类别 C6 BIRCTRL_TYPE
        birctrl_matn_date 计划生育手术或生育日期 D
        matn_type 生育类别 C6 MATN_TYPE
        geso_val 孕周数 N2
      `),
    },
    { name: 'diseinfo', array: true, min: 1, fields: DISEINFO_OUTPATIENT },
  ],
  '2204': [
    {
      name: 'feedetail',
      array: true,
      min: 1,
      max: 100,
      fields: F(`
        feedetl_sn 费用明细流水号 C30 Y
        mdtrt_id 就诊ID C30 Y
        psn_no 人员编号 C30 Y
        chrg_bchno 收费批次号 C30 Y
        dise_codg 病种编码 C30
        rxno 处方号 C30
        rx_circ_flag 外购处方标志 C3 Y RX_CIRC_FLAG
        fee_ocur_time 费用发生时间 DT Y
        med_list_codg 医疗目录编码 C50 Y
        medins_list_codg 医药机构目录编码 C150 Y
        det_item_fee_sumamt 明细项目费用总额 N16.2 Y
        cnt 数量 N16.4 Y
        pric 单价 N16.6 Y
        sin_dos_dscr 单次剂量描述 C200
        used_frqu_dscr 使用频次描述 C200
        prd_days 周期天数 N4.2
        medc_way_dscr 用药途径描述 C200
        bilg_dept_codg 开单科室编码 C30 Y
        bilg_dept_name 开单科室名称 C100 Y
        bilg_dr_codg 开单医生编码 C30 Y
        bilg_dr_name 开单医师姓名 C50 Y
        acord_dept_codg 受单科室编码 C30
        acord_dept_name 受单科室名称 C100
        orders_dr_code 受单医生编码 C30
        orders_dr_name 受单医生姓名 C50
        hosp_appr_flag 医院审批标志 C3 Y HOSP_APPR_FLAG
        tcmdrug_used_way 中药使用方式 C6 TCMDRUG_USED_WAY
        etip_flag 外检标志 C3
        etip_hosp_code 外检医院编码 C30
        dscg_tkdrug_flag 出院带药标志 C3
        matn_fee_flag 生育费用标志 C6
        exp_content 扩展参数 C4000
      `),
    },
  ],
  '2205': data('mdtrt_id 就诊ID C30 Y\nchrg_bchno 收费批次号 C30 Y\npsn_no 人员编号 C30 Y'),
  '2206': data(SETTLE_BASE, { alias: ['mdtrtinfo'] }),
  '2207': data(`${SETTLE_BASE}
    invono 发票号 C20
    fulamt_ownpay_amt 全自费金额 N16.2 Y
    overlmt_selfpay 超限价金额 N16.2 Y
    preselfpay_amt 先行自付金额 N16.2 Y
    inscp_scp_amt 符合政策范围金额 N16.2 Y
  `, { alias: ['mdtrtinfo'] }),
  '2208': data('setl_id 结算ID C30 Y\nmdtrt_id 就诊ID C30 Y\npsn_no 人员编号 C30 Y'),
  '2601': data('psn_no 人员编号 C30 Y\nomsgid 原发送方报文ID C30 Y\noinfno 原交易编号 C5 Y'),
  '5203': data('psn_no 人员编号 C30 Y\nsetl_id 结算ID C30 Y\nmdtrt_id 就诊ID C30 Y'),
};
CORE_SCHEMAS['2203A'] = CORE_SCHEMAS['2203'];

export { DISEINFO_OUTPATIENT };
