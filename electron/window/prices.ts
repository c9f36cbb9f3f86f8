// The village clinic's price list for hand-entered lines: item code (the clinic's own, mapped to
// the national catalog by the HIS bridge's catalog mapping), name, spec, unit, price, and pinyin
// initials for the search. A built-in demo list; class and self-pay ratio come from the mapping.
export interface PriceItem {
  code: string;
  name: string;
  spec: string;
  unit: string;
  price: string;
  /** Pinyin initials of the name, for typing "amxl" to find 阿莫西林. */
  py: string;
  daysPerUnit?: number;
}

export const VILLAGE_PRICES: PriceItem[] = [
  { code: 'GH0001', name: '普通挂号费', spec: '', unit: '次', price: '1.00', py: 'ptghf' },
  { code: 'ZC0002', name: '一般诊疗费', spec: '', unit: '次', price: '10.00', py: 'ybzlf' },
  { code: 'HL0002', name: '静脉输液（第一组）', spec: '', unit: '组', price: '6.00', py: 'jmsy' },
  { code: 'HL0003', name: '静脉输液（每增加一组）', spec: '', unit: '组', price: '2.00', py: 'jmsymzjyz' },
  { code: 'HL0005', name: '雾化吸入', spec: '', unit: '次', price: '8.00', py: 'whxr' },
  { code: 'HY0001', name: '血常规（五分类）', spec: '', unit: '次', price: '20.00', py: 'xcg' },
  { code: 'HY0004', name: '血糖测定', spec: '', unit: '次', price: '6.00', py: 'xtcd' },
  { code: 'HY0006', name: '尿常规', spec: '', unit: '次', price: '8.00', py: 'ncg' },
  { code: 'JC0002', name: '常规心电图检查', spec: '', unit: '次', price: '15.00', py: 'cgxdtjc' },
  { code: 'YP0005', name: '阿莫西林胶囊', spec: '0.25g', unit: '粒', price: '0.1250', py: 'amxljn' },
  { code: 'YP0006', name: '布洛芬缓释胶囊', spec: '0.3g', unit: '粒', price: '0.4200', py: 'blfhsjn' },
  { code: 'YP0007', name: '苯磺酸氨氯地平片', spec: '5mg', unit: '片', price: '0.1530', py: 'bhsaldpp', daysPerUnit: 1 },
  { code: 'YP0008', name: '硝苯地平缓释片', spec: '20mg', unit: '片', price: '0.3150', py: 'xbdphsp', daysPerUnit: 0.5 },
  { code: 'YP0009', name: '二甲双胍片', spec: '0.5g', unit: '片', price: '0.0650', py: 'ejsgp', daysPerUnit: 0.33 },
  { code: 'YP0010', name: '奥美拉唑肠溶胶囊', spec: '20mg', unit: '粒', price: '0.2800', py: 'amlzcrjn' },
  { code: 'YP0011', name: '蒙脱石散', spec: '3g', unit: '袋', price: '1.1200', py: 'mtss' },
  { code: 'YP0012', name: '阿托伐他汀钙片', spec: '20mg', unit: '片', price: '0.6500', py: 'atfttgp', daysPerUnit: 1 },
  { code: 'YP0014', name: '复方甘草片', spec: '', unit: '片', price: '0.0420', py: 'ffgcp' },
  { code: 'YP0002', name: '0.9% 氯化钠注射液', spec: '250ml', unit: '袋', price: '2.3500', py: 'lhnzsy' },
  { code: 'YP0003', name: '5% 葡萄糖注射液', spec: '250ml', unit: '袋', price: '2.4800', py: 'pttzsy' },
  { code: 'ZY0001', name: '连花清瘟胶囊', spec: '0.35g', unit: '粒', price: '0.5500', py: 'lhqwjn' },
  { code: 'ZY0002', name: '复方丹参滴丸', spec: '27mg', unit: '丸', price: '0.0960', py: 'ffdsdw' },
  { code: 'CL0001', name: '一次性输液器', spec: '', unit: '套', price: '3.2000', py: 'ycxsyq' },
  { code: 'CL0002', name: '一次性注射器', spec: '5ml', unit: '支', price: '0.4500', py: 'ycxzsq' },
  { code: 'CL0003', name: '医用冷敷贴', spec: '', unit: '贴', price: '28.0000', py: 'yylft' },
];

export function searchPrices(q: string, list: readonly PriceItem[] = VILLAGE_PRICES, limit = 12): PriceItem[] {
  const t = q.trim().toLowerCase();
  if (!t) return [];
  return list.filter((p) => p.name.includes(q.trim()) || p.py.startsWith(t) || p.py.includes(t) || p.code.toLowerCase().startsWith(t)).slice(0, limit);
}

export function priceByCode(code: string, list: readonly PriceItem[] = VILLAGE_PRICES): PriceItem | undefined {
  return list.find((p) => p.code === code);
}
