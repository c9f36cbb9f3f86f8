// Chinese labels of input fields, for error messages the user reads. A field travels as its JSON
// path ("visit.lines[2].amount"): the error keeps that path for the screen to point at, and the
// message names it in Chinese ("费用明细第 3 条的金额"). Keys without a label read as "输入项", so no
// code key ever reaches the user; the English detail for the log keeps the path.

const LABELS: Record<string, string> = {
  accountPay: '个人账户支付', active: '启用', admissionDate: '入院日期', amount: '金额', autoPrint: '结算后自动打印',
  baudRate: '波特率', beforeSeq: '起始序号', caFile: 'CA 证书文件', cardNumber: '社保卡号', catalogCode: '医保目录编码',
  catalogName: '医保目录名称', category: '费用类别', certFile: '客户端证书文件', certNo: '证件号码', certno: '证件号码',
  certType: '证件类型', chronicCode: '慢特病病种', class: '甲乙类别', code: '编码', date: '日期', dateFrom: '开始日期',
  dateTo: '结束日期', deadLetterId: '失败项编号', department: '科室', destitute: '特困人员', diagnosisSeparator: '诊断分隔符',
  differencePolicy: '差异处理方式', dischargeDate: '出院日期', doctor: '医生', enabled: '启用', endpoint: '医保网络接口地址',
  exact: '精确匹配', facilityLevel: '医疗机构级别', file: '文件', fileName: '文件名', folder: '文件夹', from: '开始日期',
  gateway: '区域网关加密', hisCode: 'HIS 项目编码', hisName: 'HIS 项目名称', hisVisitId: 'HIS 就诊号', id: '编号',
  idNumber: '身份证号', identityMap: '人员身份代码对照', idleMinutes: '空闲锁定分钟数', institutionCode: '定点医疗机构编号',
  institutionName: '机构名称', insuranceRegion: '参保地', insuranceType: '险种', interfaceVersion: '接口版本号',
  itemCode: '项目编码', itemName: '项目名称', keyFile: '客户端私钥文件', kind: '类型', level: '级别', limit: '条数',
  lineNo: '明细序号', maxQuantity: '数量上限', maxTendered: '实收金额上限', lines: '费用明细', lowIncome: '低保对象', method: '支付方式', mode: '方式', name: '姓名',
  no: '号码', offline: '模拟断网', offset: '起始位置', operatorCode: '经办人编号', operatorId: '操作员编号',
  operatorName: '经办人姓名', operatorType: '经办人类别', paper: '纸张', passphrase: '私钥口令', password: '密码',
  payment: '支付', perPersonDay: '每人每日脱机限额', perVisit: '每次脱机限额', person: '参保人', personKey: '演示人员',
  personNo: '个人编号', poverty: '建档立卡贫困人口', preId: '预结算编号', prescriptionDays: '处方天数', preview: '预览',
  printerName: '打印机', q: '搜索内容', quantity: '数量', reason: '原因', receiptNo: '收据号',
  receiverSystemCode: '接收方系统代码', ref: '就诊号', reference: '交易流水号', region: '行政区划代码', replace: '替换',
  role: '角色', runId: '对账编号', search: '搜索内容', selfPayRatio: '自付比例', settlementId: '结算编号',
  signKey: 'SM3 签名密钥', simFaults: '模拟故障', sm4Key: 'SM4 密钥', specification: '规格', tendered: '实收金额',
  terminalNo: '窗口号', thermalBaud: '热敏打印机波特率', thermalKind: '热敏打印机类型', thermalPath: '热敏打印机端口',
  ticket: '识别记录', time: '时间', timeoutMs: '超时（毫秒）', to: '结束日期', token: '令牌', total: '合计',
  type: '类型', unit: '单位', unitPrice: '单价', url: '地址', via: '识别方式', visit: '就诊', visitId: '就诊编号',
  visitTime: '就诊时间', visitType: '就诊类型', diagnosis: '诊断', diagnoses: '诊断', visits: '就诊', items: '项目',
  patientName: '患者姓名', gender: '性别', birthDate: '出生日期', phone: '电话', address: '地址', input: '输入内容',
  body: '请求内容', dose: '剂量', frequency: '频次', days: '天数', note: '备注', tag: '标记', batchNo: '批次号',
  institution: '机构', setup: '设置', manual: '手工录入', fen: '金额', cash: '现金', account: '个人账户',
};

const UNKNOWN = '输入项';

/** The Chinese label of one key, or undefined when it has none. */
export function keyLabel(key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : undefined;
}

/**
 * "visit.lines[2].amount" -> "费用明细第 3 条的金额"; "idNumber" -> "身份证号"; "" -> "输入内容".
 * Only the last key and the innermost list position are named: enough to find the field.
 */
export function fieldLabel(path: string): string {
  if (!path) return LABELS.input;
  const parts = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  const last = parts[parts.length - 1];
  if (typeof last === 'number') {
    const list = parts[parts.length - 2];
    return `${(typeof list === 'string' && keyLabel(list)) || ''}第 ${last + 1} 条`;
  }
  // "第 3 行 selfPayRatio" (a CSV row): keep the row, name the column.
  const row = /^(.+\s)([A-Za-z]\w*)$/.exec(last);
  const name = row ? `${row[1]}${keyLabel(row[2]) ?? UNKNOWN}` : keyLabel(last) ?? UNKNOWN;
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i];
    if (typeof p !== 'number') continue;
    const list = parts[i - 1];
    return `${(typeof list === 'string' && keyLabel(list)) || ''}第 ${p + 1} 条的${name}`;
  }
  return name;
}

/** "身份证号：格式不正确" — the message the user reads for a field. */
export function fieldMessage(path: string, zh: string): string {
  return `${fieldLabel(path)}：${zh}`;
}
