// The national codes the demo HIS bills (electron/his/demo/catalog.csv), as THIS platform holds
// them. Most agree with the window's demo mapping; a few differ on purpose, as a real platform's
// list differs from a site's table (see docs/SIMULATOR.md "Where the network differs"):
//   002202010030000 彩超            乙 0.20 here (the site's table says 乙 0.10)
//   XC10AAA199A001010101234 阿托伐他汀 甲 here (the site's table says 乙 0.10)
//   C14020201200000301234 注射器      甲 here (the site's table says 乙 0.10)
//   002101020010000 CT 平扫          price cap 150.00 per time (the demo HIS charges 180.00)
// Codes the site uses for its own self-pay items (CW0002, CL0003, QT0001, QT0002) are held as
// class 03 rows so a line billed with them is accepted and paid by the patient.

export interface DemoItem {
  code: string;
  cat: '1301' | '1305' | '1306';
  name: string;
  lv: '01' | '02' | '03';
  prop: string;
  chrgType: string;
  listType: string;
  /** Price cap per unit (1318), when the platform sets one. */
  cap?: string;
  /** Drugs: dosage form code, spec, pack count, min unit. */
  drug?: { form: string; spec: string; pack: number; unit: string };
}

const S = (code: string, name: string, lv: DemoItem['lv'], prop: string, chrgType: string, cap?: string): DemoItem => ({
  code, cat: '1305', name, lv, prop, chrgType, listType: '201', ...(cap ? { cap } : {}),
});
const D = (code: string, name: string, lv: DemoItem['lv'], prop: string, form: string, spec: string, pack: number, unit: string): DemoItem => ({
  code, cat: '1301', name, lv, prop, chrgType: code.startsWith('Z') ? '11' : '09', listType: code.startsWith('Z') ? '102' : '101',
  drug: { form, spec, pack, unit },
});
const C = (code: string, name: string, lv: DemoItem['lv'], prop: string): DemoItem => ({ code, cat: '1306', name, lv, prop, chrgType: '08', listType: '301' });

export const DEMO_ITEMS: DemoItem[] = [
  S('001103000010000', '普通病房床位费', '01', '0', '01', '30.00'),
  S('CW0002', '单人间床位差价（自费）', '03', '1', '01'),
  S('001102000030000', '住院诊查费', '01', '0', '02', '10.00'),
  S('001101000010000', '一般诊疗费', '01', '0', '12', '10.00'),
  S('001101000020000', '普通门诊挂号费', '01', '0', '13', '1.00'),
  S('001201000020000', '二级护理', '01', '0', '07', '15.00'),
  S('001203000060000', '静脉输液', '01', '0', '05', '8.00'),
  S('001203000060001', '静脉输液加收', '01', '0', '05', '3.00'),
  S('001204000010000', '氧气吸入', '01', '0', '05', '3.00'),
  S('001204000020000', '雾化吸入', '02', '0.10', '05', '10.00'),
  S('002101010010000', '数字化摄影（DR）', '01', '0', '03', '80.00'),
  S('002201000010000', '常规心电图检查', '01', '0', '03', '20.00'),
  S('002202010030000', '彩色多普勒超声常规检查', '02', '0.20', '03', '150.00'),
  S('002101020010000', 'X线计算机体层（CT）平扫', '02', '0.20', '03', '150.00'),
  S('002501010010000', '血细胞分析', '01', '0', '04', '25.00'),
  S('002503010010000', '肝功能检测', '01', '0', '04', '60.00'),
  S('002503020010000', '肾功能检测', '01', '0', '04', '30.00'),
  S('002503030010000', '葡萄糖测定', '01', '0', '04', '8.00'),
  S('002506010020000', 'C反应蛋白测定', '01', '0', '04', '20.00'),
  S('002501020010000', '尿液分析', '01', '0', '04', '10.00'),
  S('002503030050000', '糖化血红蛋白测定', '02', '0.10', '04', '50.00'),
  S('QT0001', '陪护床（自费）', '03', '1', '14'),
  S('QT0002', '病历复印（自费）', '03', '1', '14'),
  D('XJ01DDT058B001010101111', '头孢曲松钠注射剂', '01', '0', 'B001', '1.0g', 10, '支'),
  D('XB05XAL020B002010101952', '氯化钠注射剂', '01', '0', 'B002', '250ml:2.25g', 1, '袋'),
  D('XB05BAP041B002010101952', '葡萄糖注射剂', '01', '0', 'B002', '250ml:12.5g', 1, '袋'),
  D('XR05CBA063B002010100111', '氨溴索注射剂', '02', '0.10', 'B002', '2ml:15mg', 10, '支'),
  D('XJ01CAA046E001010100213', '阿莫西林口服常释剂型', '01', '0', 'E001', '0.25g', 24, '粒'),
  D('XM01AEB056E001010100102', '布洛芬缓释控释剂型', '01', '0', 'E010', '0.3g', 20, '粒'),
  D('XC08CAA124A001010104123', '氨氯地平口服常释剂型', '01', '0', 'A001', '5mg', 28, '片'),
  D('XC08CAX079A010010101234', '硝苯地平缓释控释剂型', '01', '0', 'A010', '20mg', 30, '片'),
  D('XA10BAE002A001010102123', '二甲双胍口服常释剂型', '01', '0', 'A001', '0.5g', 48, '片'),
  D('XA02BCA211E001010101234', '奥美拉唑口服常释剂型', '01', '0', 'E020', '20mg', 14, '粒'),
  D('XA07BCM250P001010101234', '蒙脱石口服散剂', '01', '0', 'P002', '3g', 10, '袋'),
  D('XC10AAA199A001010101234', '阿托伐他汀口服常释剂型', '01', '0', 'A001', '20mg', 7, '片'),
  D('XA02BCA211B001010101111', '奥美拉唑注射剂', '02', '0.10', 'B001', '40mg', 1, '支'),
  D('XR05DAF020A001010100123', '复方甘草口服常释剂型', '01', '0', 'A001', '复方', 100, '片'),
  D('XA05BAD178E001010101234', '多烯磷脂酰胆碱口服常释剂型', '02', '0.20', 'E001', '228mg', 24, '粒'),
  D('XB05AAR001B001010101111', '人血白蛋白注射剂', '02', '0.30', 'B002', '50ml:10g', 1, '瓶'),
  D('ZA01BAL0199010102133', '连花清瘟胶囊', '01', '0', 'E001', '0.35g', 24, '粒'),
  D('ZA12EAF0157020103123', '复方丹参滴丸', '01', '0', 'D002', '27mg', 180, '丸'),
  D('ZA12GBX0121010101234', '血栓通注射液', '02', '0.10', 'B002', '2ml:70mg', 10, '支'),
  C('C14020202300000401234', '一次性使用输液器', '02', '0.10'),
  C('C14020201200000301234', '一次性使用无菌注射器', '01', '0'),
  C('CL0003', '医用冷敷贴（自费）', '03', '1'),
];
