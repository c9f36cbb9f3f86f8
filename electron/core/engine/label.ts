// A layer's title for this person. Packs share one variant among several identities and title it
// after one group ("居民大病保险（贫困人口）" also applies to 低保对象 and 特困人员); the title shown
// names the identity that made the variant apply, so a 低保 patient never reads "（贫困人口）".
import type { When } from '../policy/types';

/** The group words packs put in brackets, by identity code. */
const GROUP_WORDS: Record<string, string> = {
  poverty: '贫困人口',
  lowIncome: '低保对象',
  destitute: '特困人员',
  severeDisability: '重度残疾人',
  atRisk: '边缘易致贫户',
};
const WORD_CODES = new Map(Object.entries(GROUP_WORDS).map(([code, word]) => [word, code]));

/** The identity that made `when` apply: the one the title names if the person has it, else the first match. */
function matchedIdentity(when: When | undefined, identities: readonly string[], named: string | undefined): string | undefined {
  const any = when?.identitiesAny;
  if (!any) return undefined;
  if (named && any.includes(named) && identities.includes(named)) return named;
  return any.find((i) => identities.includes(i));
}

export function layerLabel(name: string, when: When | undefined, identities: readonly string[]): string {
  const m = /^(.*)（([^（）]+)）$/.exec(name);
  if (!m || !WORD_CODES.has(m[2])) return name;
  const code = matchedIdentity(when, identities, WORD_CODES.get(m[2]));
  if (!code || !GROUP_WORDS[code]) return name;
  return `${m[1]}（${GROUP_WORDS[code]}）`;
}

/** Whether a variant's identity condition holds for the person (visit conditions aside). */
export function identityMatches(when: When | undefined, identities: readonly string[]): boolean {
  return !when?.identitiesAny || when.identitiesAny.some((i) => identities.includes(i));
}
