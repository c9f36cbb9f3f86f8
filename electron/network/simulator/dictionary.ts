// The code tables the simulated platform serves through 1901 and checks every coded input field
// against. Values follow docs/NETWORK-SPEC.md §11; PSN_IDET_TYPE, CLR_TYPE, CLR_WAY, STMT_RSLT,
// HOSP_APPR_FLAG and HI_FEESETL_TYPE have no national list, so these are this platform's own.
// A row may carry a validity window: a code retired before the day is refused like an unknown one.

export interface DictRow {
  value: string;
  label: string;
  parent?: string;
  /** First valid day (yyyy-MM-dd); default 2020-01-01. */
  begin?: string;
  /** Last valid day; absent = open. */
  end?: string;
}

const T = (spec: string): DictRow[] =>
  spec.split('|').map((s) => {
    const [value, label, end] = s.split(':');
    return { value, label, ...(end ? { end } : {}) };
  });

const DEPT_ROWS: DictRow[] = [
  ...T('A01:预防保健科|A02:全科医疗科|A03:内科|A04:外科|A05:妇产科|A06:妇女保健科|A07:儿科|A08:小儿外科|A09:儿童保健科'),
  ...T('A10:眼科|A11:耳鼻咽喉科|A12:口腔科|A13:皮肤科|A15:精神科|A16:传染科|A17:结核病科|A19:肿瘤科|A20:急诊医学科'),
  ...T('A21:康复医学科|A22:运动医学科|A23:职业病科|A26:麻醉科|A28:疼痛科|A30:医学检验科|A31:病理科|A32:医学影像科'),
  ...T('A50:中医科|A51:民族医学科|A52:中西医结合科|A69:其他业务科室'),
  ...T('A03.01:呼吸内科专业|A03.02:消化内科专业|A03.03:神经内科专业|A03.04:心血管内科专业|A03.05:血液内科专业').map((r) => ({ ...r, parent: 'A03' })),
  ...T('A03.06:肾病学专业|A03.07:内分泌专业|A03.08:免疫学专业|A03.09:变态反应专业|A03.10:老年病专业').map((r) => ({ ...r, parent: 'A03' })),
  ...T('A04.01:普通外科专业|A04.02:神经外科专业|A04.03:骨科专业|A04.04:泌尿外科专业|A04.06:胸外科专业').map((r) => ({ ...r, parent: 'A04' })),
];

export const DICTIONARIES: Record<string, DictRow[]> = {
  INSUTYPE: T('310:职工基本医疗保险|320:公务员医疗补助|330:大额医疗费用补助|340:离休人员医疗保障|350:一至六级残疾军人医疗补助|360:老红军医疗保障|370:企业补充医疗保险|380:新型农村合作医疗:2019-12-31|390:城乡居民基本医疗保险|391:城镇居民基本医疗保险|392:城乡居民大病医疗保险|399:其他特殊人员医疗保障|410:长期照护保险|510:生育保险'),
  MED_TYPE: T('11:普通门诊|12:门诊挂号|13:急诊|14:门诊慢特病|19:意外伤害门诊|21:普通住院|22:外伤住院|23:转外诊治住院|24:急诊转住院|41:定点药店购药|51:生育门诊|52:生育住院|53:计划生育手术费|91:其他门诊|92:其他住院|93:其他购药|99:地方扩展|9901:重大疾病门诊|9902:重大疾病住院'),
  MDTRT_CERT_TYPE: T('01:医保电子凭证|02:居民身份证|03:社会保障卡'),
  PSN_CERT_TYPE: T('01:居民身份证（户口簿）|02:中国人民解放军军官证|03:中国人民武装警察警官证|04:香港特区护照/港澳居民来往内地通行证|05:澳门特区护照/港澳居民来往内地通行证|06:台湾居民来往大陆通行证|07:外国人永久居留证|08:外国人护照|16:中华人民共和国护照|17:港澳台居民居住证|99:其他身份证件'),
  GEND: T('0:未知的性别|1:男|2:女|9:未说明的性别'),
  NATY: T('01:汉族|02:蒙古族|03:回族|04:藏族|05:维吾尔族|06:苗族|07:彝族|08:壮族|09:布依族|10:朝鲜族|11:满族|12:侗族|13:瑶族|14:白族|15:土家族|97:其他|98:外国血统中国籍人士|99:未知'),
  PSN_TYPE: T('1101:职工在职|1102:公务员在职|1103:灵活就业人员在职|1201:职工退休|1202:公务员退休|1203:灵活就业人员退休|1300:离休人员|1401:新生儿|1402:学龄前儿童|1403:中小学生|1404:大学生|1405:未成年（未入学）|1501:普通居民（成年）|1502:居民（老年）'),
  PSN_INSU_STAS: T('1:正常参保|2:暂停参保|3:终止参保|4:中断缴费'),
  PSN_IDET_TYPE: T('2301:低保对象|2302:特困人员|2303:返贫致贫人口|2304:重度残疾人|2305:防止返贫监测对象|2306:孤儿'),
  CVLSERV_FLAG: T('0:否|1:是'),
  DIAG_TYPE: T('1:西医诊断|2:中医主病诊断|3:中医主证诊断'),
  MAINDIAG_FLAG: T('0:否|1:是'),
  CHRGITM_LV: T('01:甲类|02:乙类|03:丙类'),
  MED_CHRGITM_TYPE: T('01:床位费|02:诊察费|03:检查费|04:化验费|05:治疗费|06:手术费|07:护理费|08:卫生材料费|09:西药费|10:中药饮片费|11:中成药费|12:一般诊疗费|13:挂号费|14:其他费'),
  LIST_TYPE: T('101:西药|102:中成药|103:中药饮片|104:自制剂|105:民族药|201:医疗服务项目|301:医用材料'),
  PSN_SETLWAY: T('01:按项目结算|02:按定额结算'),
  CLR_TYPE: T('11:普通门诊|14:门诊慢特病|21:住院|41:定点药店购药|51:生育'),
  CLR_WAY: T('1:按项目|2:按定额|3:按病种'),
  FUND_PAY_TYPE: T('310101:城镇职工基本医疗保险统筹基金|310201:城镇职工基本医疗保险个人账户基金|320101:公务员医疗补助基金|330101:大额医疗费用补助基金|370101:企业补充医疗保险基金|390101:城乡居民基本医疗保险基金|390201:城乡居民大病医疗保险基金|610101:医疗救助基金|640101:政府兜底基金|999996:医院负担'),
  STMT_RSLT: T('0:平|1:不平'),
  DSCG_WAY: T('1:医嘱离院|2:医嘱转院|3:医嘱转社区卫生服务机构/乡镇卫生院|4:非医嘱离院|5:死亡|9:其他'),
  TRT_CHK_TYPE: T('1:基金项检查|99:其他检查'),
  TRT_ENJYMNT_FLAG: T('0:不享受|1:享受'),
  HOSP_APPR_FLAG: T('0:无需审批|1:审批通过|2:审批不通过'),
  RX_CIRC_FLAG: T('0:否|1:是'),
  RX_FLAG: T('0:非处方药|1:处方药'),
  TRDN_FLAG: T('0:否|1:是'),
  VALI_FLAG: T('0:无效|1:有效'),
  REFD_SETL_FLAG: T('0:否|1:是'),
  ACCT_USED_FLAG: T('0:否|1:是'),
  MID_SETL_FLAG: T('0:否|1:是'),
  HI_FEESETL_TYPE: T('1:医保结算|2:自费结算'),
  MDTRT_SETL_TYPE: T('1:医保结算|2:自费结算'),
  MATN_TYPE: T('1:产前检查|2:顺产|3:剖宫产|4:流产|9:其他'),
  BIRCTRL_TYPE: T('1:放置宫内节育器|2:取出宫内节育器|3:输卵管结扎|4:输精管结扎|9:其他'),
  TCMDRUG_USED_WAY: T('1:复方|2:单方'),
  FIXMEDINS_TYPE: T('1:定点医疗机构|2:定点零售药店'),
  HOSP_LV: T('01:三级特等|02:三级甲等|03:三级乙等|04:三级丙等|05:二级甲等|06:二级乙等|07:二级丙等|08:一级甲等|09:一级乙等|10:一级丙等|11:无等级'),
  OPTER_TYPE: T('1:经办人|2:自助终端|3:移动终端'),
  DEPT: DEPT_ROWS,
};

export function dictionaryNames(): string[] {
  return Object.keys(DICTIONARIES);
}

/** Whether `value` is a code of dictionary `type` valid on `day` (yyyy-MM-dd). */
export function hasCode(type: string, value: string, day: string): boolean {
  const rows = INDEX.get(type);
  const row = rows?.get(value);
  if (!row) return false;
  return (row.begin ?? '2020-01-01') <= day && (row.end === undefined || day <= row.end);
}

export function codeLabel(type: string, value: string): string | undefined {
  return INDEX.get(type)?.get(value)?.label;
}

const INDEX = new Map<string, Map<string, DictRow>>(
  Object.entries(DICTIONARIES).map(([type, rows]) => [type, new Map(rows.map((r) => [r.value, r]))]),
);

/** The 1901 answer rows of one dictionary (camelCase, as the national answer spells them). */
export function dictionaryList(type: string, day: string, valiFlag: string): Record<string, unknown>[] {
  const name = type.toUpperCase();
  const rows = DICTIONARIES[name] ?? [];
  return rows
    .map((r, i) => ({ r, i, valid: hasCode(name, r.value, day) }))
    .filter(({ valid }) => (valiFlag === '0' ? !valid : valid))
    .map(({ r, i, valid }) => ({
      type: name, label: r.label, value: r.value, parentValue: r.parent ?? '', sort: i + 1,
      valiFlag: valid ? '1' : '0', createUser: 'sys', createDate: r.begin ?? '2020-01-01', version: '1',
    }));
}
