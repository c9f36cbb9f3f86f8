// The insured persons of a history store: 20,000 made-up residents with plausible Chinese names,
// valid ID numbers (GB 11643 check digit) and card numbers, from a seeded generator (the same
// persons in every store). Person 0 is the probe: one rare name, the same number of settlements
// in every store, so a search for it returns the same rows at 10k as at 1M.
import { idCheckChar } from '../../../electron/core/id-number';

export interface SeedPerson {
  personNo: string;
  name: string;
  idNumber: string;
  card: string;
}

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."建国秀英志强芳德福明华丽军伟敏静娜磊洋勇艳杰娟涛超霞平刚桂兰玉梅红云春海燕斌波宁鹏飞凤琴文荣辉新庆林峰亮成俊晓东雪萍美金宝山"];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROBE_NAME = '欧阳明远';

export function makePersons(count: number): SeedPerson[] {
  const rnd = prng(20200615);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: SeedPerson[] = [];
  for (let i = 0; i < count; i++) {
    // Surnames are skewed as in life: the first ones are the most common.
    const surname = SURNAMES[Math.floor(SURNAMES.length * rnd() * rnd())];
    const name = i === 0 ? PROBE_NAME : surname + pick(GIVEN) + (rnd() < 0.7 ? pick(GIVEN) : '');
    // A birth date as digits (the 28th at most, so every month has it); no clock involved.
    const ymd = `${1935 + Math.floor(rnd() * 80)}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const first17 = `370303${ymd}${String(i % 1000).padStart(3, '0')}`;
    out.push({
      personNo: `3703${String(900000000000000 + i).padStart(16, '0')}`,
      name,
      idNumber: first17 + idCheckChar(first17),
      card: `M${String(20000000 + i)}`,
    });
  }
  return out;
}
