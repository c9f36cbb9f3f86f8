// What to correct before 修正后重试: the network's refusal names a problem in its own words; the
// queue screen shows that message together with the field of ours that feeds it, in Chinese, so a
// cashier knows where to look before retrying.

const BY_WORDS: [RegExp, string][] = [
  [/慢特病|慢性病|病种|备案/, '就诊类别与门诊慢特病病种（核对患者备案；未备案的改按普通门诊：撤销后重新结算）'],
  [/人员编号|参保|人员|身份/, '参保人信息（重新读卡核对身份与参保状态）'],
  [/目录|项目编码|医保编码|对照/, '费用明细的医保目录对照（系统设置 → HIS 目录对照）'],
  [/诊断/, '就诊诊断（在 HIS 中补全后重新发送就诊）'],
  [/金额|单价|数量|费用/, '费用明细的数量与金额（在 HIS 中核对后重新发送就诊）'],
  [/就诊ID|挂号|登记/, '就诊登记（就诊号、就诊日期）'],
  [/结算ID|结算/, '结算信息（先做对账核实该笔结算）'],
  [/签到|操作员|经办人/, '医保网络设置中的经办人与机构信息（系统设置 → 医保网络）'],
];

const BY_INFNO: Record<string, string> = {
  '2201': '就诊登记（就诊号、就诊日期、参保人）',
  '2203': '就诊信息（诊断、病种）',
  '2204': '费用明细（目录对照、数量、金额）',
  '2301': '费用明细（目录对照、数量、金额）',
  '2401': '入院登记（入院日期、诊断）',
  '2402': '出院登记（出院日期、诊断）',
  '2206': '结算信息（就诊类别、病种）',
  '2207': '结算信息（就诊类别、病种）',
  '2303': '结算信息（就诊类别、病种）',
  '2304': '结算信息（就诊类别、病种）',
  '2208': '撤销信息（先做对账核实原结算）',
  '2305': '撤销信息（先做对账核实原结算）',
};

/** The field of ours to correct for this refusal, in Chinese. */
export function deadLetterFix(infno: string, message: string): string {
  for (const [re, what] of BY_WORDS) if (re.test(message)) return what;
  return BY_INFNO[infno] ?? '该笔结算的资料（按医保返回信息核对）';
}
