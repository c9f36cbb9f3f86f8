// Small helpers of the HIS setup panels: reading a chosen file as base64, names of codes.
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export const VISIT_TYPE_NAMES: Record<string, string> = { outpatient: '普通门诊', chronicOutpatient: '门诊慢特病', inpatient: '住院' };
export const STATE_NAMES: Record<string, string> = { waiting: '待结算', 'pre-settled': '已预结算', settled: '已结算', cancelled: '已撤销' };
export const CATEGORY_NAMES: Record<string, string> = {
  '01': '床位费', '02': '诊察费', '03': '检查费', '04': '化验费', '05': '治疗费', '06': '手术费', '07': '护理费',
  '08': '卫生材料费', '09': '西药费', '10': '中药饮片费', '11': '中成药费', '12': '一般诊疗费', '13': '挂号费', '14': '其他费',
};
export const CLASS_NAMES: Record<string, string> = { A: '甲类', B: '乙类', C: '丙类（自费）' };
