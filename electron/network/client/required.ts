// The fields NETWORK-SPEC marks required (Y), per transaction and input node, with their Chinese
// names: the client refuses to send a request with one of them missing or empty (a required
// value is asked for or refused, never sent empty). Conditional requirements (card_sn with a
// social security card, dise_codg on a chronic visit, rxno with an outside prescription) are
// checked where the request is built, with the same error.
import { AppFailure } from '../../core/result';

type Table = Record<string, string>;

/** "field 名称" per line. */
function T(lines: string): Table {
  return Object.fromEntries(lines.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/) as [string, string]));
}

const DISEINFO_OP = T(`
  diag_type 诊断类别
  diag_srt_no 诊断排序号
  diag_code 诊断代码
  diag_name 诊断名称
  diag_dept 诊断科室
  dise_dor_no 诊断医生编码
  dise_dor_name 诊断医生姓名
  diag_time 诊断时间
  vali_flag 有效标志
`);

const DISEINFO_IP = T(`
  psn_no 人员编号
  diag_type 诊断类别
  maindiag_flag 主诊断标志
  diag_srt_no 诊断排序号
  diag_code 诊断代码
  diag_name 诊断名称
  diag_dept 诊断科室
  dise_dor_no 诊断医生编码
  dise_dor_name 诊断医生姓名
  diag_time 诊断时间
`);

const SETTLE = `
  psn_no 人员编号
  mdtrt_cert_type 就诊凭证类型
  mdtrt_cert_no 就诊凭证编号
  med_type 医疗类别
  medfee_sumamt 医疗费总额
  psn_setlway 个人结算方式
  mdtrt_id 就诊ID
  chrg_bchno 收费批次号
  acct_used_flag 个人账户使用标志
  insutype 险种类型
`;
const SPLIT = `
  fulamt_ownpay_amt 全自费金额
  overlmt_selfpay 超限价金额
  preselfpay_amt 先行自付金额
  inscp_scp_amt 符合政策范围金额
`;
const IPT_SETTLE = `
  psn_no 人员编号
  mdtrt_cert_type 就诊凭证类型
  mdtrt_cert_no 就诊凭证编号
  medfee_sumamt 医疗费总额
  psn_setlway 个人结算方式
  mdtrt_id 就诊ID
  insutype 险种类型
  mid_setl_flag 中途结算标志
`;

const FEE_COMMON = `
  feedetl_sn 费用明细流水号
  mdtrt_id 就诊ID
  psn_no 人员编号
  fee_ocur_time 费用发生时间
  med_list_codg 医疗目录编码
  medins_list_codg 医药机构目录编码
  det_item_fee_sumamt 明细项目费用总额
  cnt 数量
  pric 单价
  bilg_dept_codg 开单科室编码
  bilg_dept_name 开单科室名称
  bilg_dr_codg 开单医生编码
  bilg_dr_name 开单医师姓名
`;

const SALE = `
  med_list_codg 医疗目录编码
  fixmedins_hilist_id 定点医药机构目录编号
  fixmedins_hilist_name 定点医药机构目录名称
  fixmedins_bchno 定点医药机构批次流水号
  manu_lotnum 生产批号
  manu_date 生产日期
  rx_flag 处方药标志
  trdn_flag 拆零标志
  sel_retn_cnt 销售/退货数量
  sel_retn_time 销售/退货时间
  sel_retn_opter_name 销售/退货经办人姓名
  mdtrt_sn 就医流水号
`;

/** Chinese names of the list nodes (for "at least one" refusals). */
const NODE_NAMES: Record<string, string> = { diseinfo: '诊断信息', feedetail: '费用明细' };

interface NodeRule {
  node: string;
  array?: boolean;
  fields: Table;
}

const data = (fields: string): NodeRule[] => [{ node: 'data', fields: T(fields) }];

/** Required fields per infno (NETWORK-SPEC §3–§10). */
export const REQUIRED: Record<string, { name: string; nodes: NodeRule[] }> = {
  '9001': { name: '签到', nodes: [{ node: 'signIn', fields: T('opter_no 操作员编号\nmac 签到MAC地址\nip 签到IP地址') }] },
  '9002': { name: '签退', nodes: [{ node: 'signOut', fields: T('sign_no 签到编号\nopter_no 操作员编号') }] },
  '9101': { name: '文件上传', nodes: [{ node: 'fsUploadIn', fields: T('in 文件数据\nfilename 文件名\nfixmedins_code 医药机构编号') }] },
  '9102': { name: '文件下载', nodes: [{ node: 'fsDownloadIn', fields: T('file_qury_no 文件查询号\nfilename 文件名\nfixmedins_code 医药机构编号') }] },
  '1101': { name: '人员信息获取', nodes: data('mdtrt_cert_type 就诊凭证类型\nmdtrt_cert_no 就诊凭证编号') },
  '2001': { name: '人员待遇享受检查', nodes: data('psn_no 人员编号\ninsutype 险种类型\nfixmedins_code 定点医药机构编号\nmed_type 医疗类别\nbegntime 开始时间') },
  '5206': { name: '人员累计信息查询', nodes: data('psn_no 人员编号') },
  '1901': { name: '字典表查询', nodes: data('type 字典类型\nadmdvs 行政区划\ndate 查询日期') },
  '5301': { name: '人员慢特病备案查询', nodes: data('psn_no 人员编号') },
  '2201': {
    name: '门诊挂号',
    nodes: data(`
      psn_no 人员编号
      insutype 险种类型
      begntime 开始时间
      mdtrt_cert_type 就诊凭证类型
      mdtrt_cert_no 就诊凭证编号
      ipt_otp_no 住院/门诊号
      atddr_no 医师编码
      dr_name 医师姓名
      dept_code 科室编码
      dept_name 科室名称
      caty 科别
    `),
  },
  '2202': { name: '门诊挂号撤销', nodes: data('psn_no 人员编号\nmdtrt_id 就诊ID\nipt_otp_no 住院/门诊号') },
  '2203': {
    name: '门诊就诊信息上传',
    nodes: [
      { node: 'mdtrtinfo', fields: T('mdtrt_id 就诊ID\npsn_no 人员编号\nmed_type 医疗类别\nbegntime 开始时间') },
      { node: 'diseinfo', array: true, fields: DISEINFO_OP },
    ],
  },
  '2204': {
    name: '门诊费用明细上传',
    nodes: [{ node: 'feedetail', array: true, fields: T(`${FEE_COMMON}\nchrg_bchno 收费批次号\nrx_circ_flag 外购处方标志\nhosp_appr_flag 医院审批标志`) }],
  },
  '2205': { name: '门诊费用明细撤销', nodes: data('mdtrt_id 就诊ID\nchrg_bchno 收费批次号\npsn_no 人员编号') },
  '2206': { name: '门诊预结算', nodes: data(SETTLE) },
  '2207': { name: '门诊结算', nodes: data(`${SETTLE}\n${SPLIT}`) },
  '2208': { name: '门诊结算撤销', nodes: data('setl_id 结算ID\nmdtrt_id 就诊ID\npsn_no 人员编号') },
  '2301': { name: '住院费用明细上传', nodes: [{ node: 'feedetail', array: true, fields: T(`${FEE_COMMON}\nmed_type 医疗类别`) }] },
  '2302': { name: '住院费用明细撤销', nodes: data('feedetl_sn 费用明细流水号\nmdtrt_id 就诊ID\npsn_no 人员编号') },
  '2303': { name: '住院预结算', nodes: data(IPT_SETTLE) },
  '2304': { name: '住院结算', nodes: data(`${IPT_SETTLE}\nacct_used_flag 个人账户使用标志`) },
  '2305': { name: '住院结算撤销', nodes: data('mdtrt_id 就诊ID\nsetl_id 结算ID\npsn_no 人员编号') },
  '2401': {
    name: '入院办理',
    nodes: [
      {
        node: 'mdtrtinfo',
        fields: T(`
          psn_no 人员编号
          insutype 险种类型
          begntime 开始时间
          mdtrt_cert_type 就诊凭证类型
          mdtrt_cert_no 就诊凭证编号
          med_type 医疗类别
          ipt_no 住院号
          atddr_no 主治医生编码
          chfpdr_name 主诊医师姓名
          adm_diag_dscr 入院诊断描述
          adm_dept_codg 入院科室编码
          adm_dept_name 入院科室名称
          adm_bed 入院床位
          dscg_maindiag_code 住院主诊断代码
          dscg_maindiag_name 住院主诊断名称
        `),
      },
      { node: 'diseinfo', array: true, fields: DISEINFO_IP },
    ],
  },
  '2402': {
    name: '出院办理',
    nodes: [
      { node: 'dscginfo', fields: T('mdtrt_id 就诊ID\npsn_no 人员编号\ninsutype 险种类型\nendtime 结束时间\ndscg_dept_codg 出院科室编码\ndscg_dept_name 出院科室名称\ndscg_way 离院方式') },
      { node: 'diseinfo', array: true, fields: DISEINFO_IP },
    ],
  },
  '2404': { name: '入院撤销', nodes: data('mdtrt_id 就诊ID\npsn_no 人员编号') },
  '2601': { name: '冲正交易', nodes: data('psn_no 人员编号\nomsgid 原发送方报文ID\noinfno 原交易编号') },
  '5203': { name: '结算信息查询', nodes: data('psn_no 人员编号\nsetl_id 结算ID\nmdtrt_id 就诊ID') },
  '3201': {
    name: '医药机构费用结算对总账',
    nodes: data(`
      insutype 险种
      clr_type 清算类别
      setl_optins 结算经办机构
      stmt_begndate 对账开始日期
      stmt_enddate 对账结束日期
      medfee_sumamt 医疗费总额
      fund_pay_sumamt 基金支付总额
      acct_pay 个人账户支付金额
      fixmedins_setl_cnt 定点医药机构结算笔数
    `),
  },
  '3202': {
    name: '医药机构费用结算对明细账',
    nodes: data(`
      setl_optins 结算经办机构
      file_qury_no 文件查询号
      stmt_begndate 对账开始日期
      stmt_enddate 对账结束日期
      medfee_sumamt 医疗费总额
      fund_pay_sumamt 基金支付总额
      cash_payamt 现金支付金额
      fixmedins_setl_cnt 定点医药机构结算笔数
    `),
  },
  '3505': {
    name: '商品销售',
    nodes: [{
      node: 'selinfo',
      fields: T(`${SALE}\nprsc_dr_name 开方医师姓名\nphar_name 药师姓名\nphar_prac_cert_no 药师执业资格证号\nhi_feesetl_type 医保费用结算类型\nrx_circ_flag 外购处方标志\nrtal_docno 零售单据号`),
    }],
  },
  '3506': { name: '商品销售退货', nodes: [{ node: 'selinfo', fields: T(SALE) }] },
};

/** The envelope's required values (setup) with their names. */
export const ENVELOPE_REQUIRED = T(`
  infno 交易编号
  msgid 发送方报文ID
  mdtrtarea_admvs 就医地医保区划
  recer_sys_code 接收方系统代码
  infver 接口版本号
  opter_type 经办人类别
  opter 经办人
  opter_name 经办人姓名
  inf_time 交易时间
  fixmedins_code 定点医药机构编号
  fixmedins_name 定点医药机构名称
`);

/** A request the client will not send: a value the spec requires is missing. Nothing was sent. */
export class RequestIncompleteError extends AppFailure {
  constructor(
    readonly infno: string,
    /** The wire path, e.g. "diseinfo[0].dise_dor_no". */
    readonly wireField: string,
    readonly label: string,
    why = '不能为空',
  ) {
    const name = REQUIRED[infno]?.name ?? '';
    const row = /\[(\d+)\]/.exec(wireField);
    const where = row ? `（第 ${Number(row[1]) + 1} 条）` : '';
    super({
      code: 'NETWORK_REQUEST_INCOMPLETE',
      message: `医保交易${infno}${name ? ` ${name}` : ''}的「${label}」${why}${where}，请补全后再试（未发送）`,
      detail: `request ${infno} not sent: ${wireField} (${label}) ${why === '不能为空' ? 'is required' : why}`,
      field: wireField,
    });
    this.name = 'RequestIncompleteError';
  }
}

export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** Refuses (throws RequestIncompleteError) when a required field of `input` is missing or empty. */
export function assertComplete(infno: string, input: Record<string, unknown>): void {
  const spec = REQUIRED[infno];
  if (!spec) return;
  for (const rule of spec.nodes) {
    const value = input[rule.node];
    const rows = rule.array ? (Array.isArray(value) ? value : []) : [value];
    if (rule.array && rows.length === 0) throw new RequestIncompleteError(infno, rule.node, NODE_NAMES[rule.node] ?? rule.node, '至少要有一条');
    rows.forEach((row, i) => {
      const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
      for (const [field, label] of Object.entries(rule.fields)) {
        if (isEmpty(r[field])) throw new RequestIncompleteError(infno, `${rule.node}${rule.array ? `[${i}]` : ''}.${field}`, label);
      }
    });
  }
}
