// The local engine's side of a visit: the cached person, the pack in force, the engine's result.
// Online it explains the network's figures; offline it settles. It is missing (never guessed)
// for a remote patient (异地就医) when no pack of the insured region is installed, and for a
// person whose insurance type the pack has no rule for — then the network decides online and
// offline settling is refused with the reason.
import { AppFailure } from '../core/result';
import { regionPrefix, type PolicyPack } from '../core/engine';
import type { NetPerson } from '../network/client';
import type { InstitutionSetup, SettlementPreInput, SettlementSettleInput } from '../api/contract';
import { computeSettlement, type Computed } from './compute';
import type { SettleRepos } from './repos';
import type { CenterLink } from '../center/link';
import { addBooks } from '../center/totals';

export interface PrepareDeps {
  repos: SettleRepos;
  policies: { choose(personRegion: string | undefined, date: string, facilityRegion?: string): PolicyPack | undefined };
  institution: () => InstitutionSetup;
  /** The other windows' part of the person's year-to-date (a linked center), added to this window's. */
  center?: Pick<CenterLink, 'othersBook'>;
}

/**
 * A settlement's input inside the app: who settles, the HIS revision its lines were pre-settled at,
 * a check that throws when those lines no longer hold (run before anything is sent or written),
 * and the basis the cashier saw (network or local figures): settling on another basis is refused
 * so that the patient never pays figures nobody showed.
 */
export type SettleRequest = SettlementSettleInput & { operatorId: string; hisRevision?: number; verify?: () => void; basis?: 'network' | 'local' };

/** The visit at the window, before anything is settled. */
export interface Prepared {
  person: NetPerson;
  fetchedAt: string;
  facilityLevel: string;
  /** The local engine's result; undefined when it cannot settle this person (see `missing`). */
  computed?: Computed;
  /** Why the local engine cannot settle the person (Chinese, for the window). */
  missing?: AppFailure;
  adjustmentFen: number;
  adjustmentIds: string[];
  remote: boolean;
}

const INSURANCE_NAMES: Record<string, string> = { resident: '城乡居民基本医疗保险', employee: '职工基本医疗保险' };

/** Whether the insured region lies outside the institution's pooling region (异地就医). */
export function isRemote(insuredRegion: string, institutionRegion: string): boolean {
  return !!insuredRegion && insuredRegion.slice(0, 4) !== institutionRegion.slice(0, 4);
}

/**
 * The insurance types a pack has rules for: those its layers name; a pack whose layers name none
 * is a residents' pack (城乡居民医保: the region packs of the seeds), never applied to employees.
 */
export function packInsuranceTypes(pack: PolicyPack): string[] {
  const named = new Set<string>();
  for (const l of pack.layers) for (const t of l.when?.insuranceType ?? []) named.add(t);
  return named.size ? [...named] : ['resident'];
}

function choosePack(deps: PrepareDeps, person: NetPerson, date: string, remote: boolean): { pack?: PolicyPack; missing?: AppFailure } {
  const inst = deps.institution();
  const pack = remote ? deps.policies.choose(person.insuranceRegion, date) : deps.policies.choose(person.insuranceRegion, date, inst.region);
  if (!pack) {
    const message = remote
      ? `异地就医：本机没有参保地（${person.insuranceRegion}）在 ${date} 适用的政策包，只能联网由医保网络结算`
      : `没有适用于参保地 ${person.insuranceRegion}、就诊日期 ${date} 的结算政策包`;
    return { missing: new AppFailure({ code: 'NO_POLICY', message, detail: `no pack for ${person.insuranceRegion} on ${date}${remote ? ' (remote patient)' : ''}`, field: 'visit.date' }) };
  }
  if (remote && !person.insuranceRegion.startsWith(regionPrefix(pack.region))) {
    return { missing: new AppFailure({ code: 'NO_POLICY', message: `异地就医：本机没有参保地（${person.insuranceRegion}）的政策包`, detail: 'remote pack mismatch', field: 'person' }) };
  }
  if (!packInsuranceTypes(pack).includes(person.insuranceType)) {
    const name = INSURANCE_NAMES[person.insuranceType] ?? person.insuranceType;
    return {
      missing: new AppFailure({
        code: 'NO_POLICY_FOR_TYPE',
        message: `政策包「${pack.name}」没有${name}的结算规则：该参保人只能联网由医保网络结算，不能按其他险种的规则脱机结算`,
        detail: `pack ${pack.id} has no rule for insurance type ${person.insuranceType}`,
        field: 'person.insuranceType',
      }),
    };
  }
  return { pack };
}

/** The cached person and the local engine's result of the visit; writes nothing. */
export function prepareVisit(deps: PrepareDeps, input: SettlementPreInput): Prepared {
  const r = deps.repos;
  const cached = r.persons.get(input.person.personNo);
  if (!cached) {
    throw new AppFailure({ code: 'PERSON_NOT_LOOKED_UP', message: '请先读卡或查询参保人信息', detail: `person ${input.person.personNo} not in the cache`, field: 'person.personNo' });
  }
  const person = cached.data;
  const inst = deps.institution();
  const v = input.visit;
  const remote = isRemote(person.insuranceRegion, inst.region);
  const open = r.differences.openFor(person.personNo);
  const base: Prepared = {
    person, fetchedAt: cached.fetchedAt, facilityLevel: v.facilityLevel ?? inst.level, remote,
    adjustmentFen: open.reduce((a, d) => a + d.cashDiffFen, 0), adjustmentIds: open.map((d) => d.settlementId),
  };
  const chosen = choosePack(deps, person, v.date, remote);
  if (!chosen.pack) return { ...base, missing: chosen.missing };
  const year = Number(v.date.slice(0, 4));
  const book = addBooks(r.ytd.book(person.personNo, year), deps.center?.othersBook(person.personNo, year));
  const computed = computeSettlement({
    pack: chosen.pack,
    person: { insuranceType: person.insuranceType, identities: person.identities, enrolled: person.enrolled, region: person.insuranceRegion, accountBalance: person.accountBalance },
    visit: { type: v.type, facilityLevel: base.facilityLevel, date: v.date, lines: v.lines, fees: v.fees },
    book,
    useAccount: input.useAccount ?? false,
  });
  return { ...base, computed };
}
