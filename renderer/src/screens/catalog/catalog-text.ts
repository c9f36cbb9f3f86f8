// Chinese labels of the catalog screens: change kinds, matching and upload states, how an item
// was matched, and a class/ratio value as a technician reads it ("02/09" -> "乙类（西药费）").
export const CHANGE_KIND: Record<string, string> = {
  new: '新增', class: '甲乙类变更', ratio: '自付比例变更', price: '限价变更', expired: '失效', changed: '信息变更',
};

export const MATCH_STATE: Record<string, string> = { todo: '待对照', proposed: '待确认', confirmed: '已确认', selfPay: '自费' };

export const UPLOAD_STATE: Record<string, string> = {
  none: '未上传', uploaded: '已上传', accepted: '医保已接受', withdrawn: '已撤销', rejected: '医保拒绝',
};

export const METHOD: Record<string, string> = { code: '按医保编码', name: '按名称规格', tie: '多个相近（请核对）', manual: '人工选择', selfPay: '自费' };

const LEVEL: Record<string, string> = { '01': '甲类', '02': '乙类', '03': '丙类' };

/** A change's before/after as shown: class values read as 甲/乙/丙; ratios as percentages. */
export function changeValue(kind: string, v: string): string {
  if (!v) return '—';
  if (kind === 'class') return LEVEL[v.split('/')[0]] ?? v;
  if (kind === 'ratio' && /^\d+(\.\d+)?$/.test(v)) return `${Math.round(Number(v) * 1000) / 10}%`;
  if (kind === 'price') return `${v} 元`;
  if (kind === 'expired') return `止于 ${v}`;
  return v;
}

/** The colour a score is shown in: sure (90+), likely (70+), to check. */
export function scoreColor(score: number): string {
  return score >= 90 ? '#1b7f3b' : score >= 70 ? '#9a6700' : '#b42318';
}
