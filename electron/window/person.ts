// Finding the person: the network's 1101 answer when it is reachable (cached with the time), else
// the cached answer with its age. A refusal by the network (unknown person) is never replaced by
// cached data. The person view shows what the cashier needs, with the ID number masked.
import type { PersonView, IdentifyMethod } from '../api/contract';
import type { Cert, NetPerson } from '../network/client';
import type { SettlementService } from '../settlement/service';
import { PersonCacheRepo } from '../store/persons';
import { NetPersonSchema } from '../network/client/person-schema';
import { YtdRepo } from '../store/ytd';
import type { Db } from '../store/db';
import type { PolicyPack } from '../core/engine';
import { fromFen, fmt } from '../core/money';
import { maskIdNumber } from '../core/mask';
import { AppFailure } from '../core/result';
import { ageOn, chinaYear } from '../core/time';
import { IDENTITY_NAMES } from './rules';
import { DEMO_PERSONS } from '../demo/persons';
import { identityMatches, layerLabel } from '../core/engine/label';

export interface FoundPerson {
  person: NetPerson;
  source: 'network' | 'cache';
  fetchedAt: string;
}

export class PersonFinder {
  private readonly cache: PersonCacheRepo<NetPerson>;
  private readonly ytd: YtdRepo;

  constructor(db: Db, private readonly settlement: () => SettlementService | undefined, private readonly now: () => Date) {
    this.cache = new PersonCacheRepo(db, NetPersonSchema);
    this.ytd = new YtdRepo(db);
  }

  /** 1101 through the settlement service (network, else its cache), then the whole record from the cache. */
  async find(cert: Cert, name?: string): Promise<FoundPerson> {
    const settlement = this.settlement();
    if (!settlement) throw new AppFailure({ code: 'SERVICE_MISSING', message: '结算服务未启用，请联系技术人员', detail: 'settlement service missing' });
    const found = await settlement.lookupPerson({ certType: cert.type, certNo: cert.no, name, cardSn: cert.cardSn });
    const cached = this.cache.get(found.personNo);
    if (!cached) throw new AppFailure({ code: 'PERSON_NOT_CACHED', message: '参保人信息读取失败，请重试', detail: `person ${found.personNo} missing from the cache after lookup` });
    return { person: cached.data, source: found.source, fetchedAt: found.fetchedAt };
  }

  view(ticket: string, method: IdentifyMethod, found: FoundPerson, opts: { cardFree: boolean; institutionCode: string; pack?: PolicyPack }): PersonView {
    const p = found.person;
    const now = this.now();
    const year = chinaYear(now);
    const book = this.ytd.book(p.personNo, year);
    // Each accumulator is titled by the variant that applies to this person (as the layers are).
    const names = new Map<string, string>();
    for (const l of opts.pack?.layers ?? []) {
      const k = l.ytdKey ?? l.key;
      if (!names.has(k) && identityMatches(l.when, p.identities)) names.set(k, layerLabel(l.name, l.when, p.identities));
    }
    for (const l of opts.pack?.layers ?? []) if (!names.has(l.ytdKey ?? l.key)) names.set(l.ytdKey ?? l.key, l.name);
    // The network's year-to-date (5206) is in its own codes (cum_type_code): the window shows its own record.
    const items = Object.keys(book.keys).map((k) => ({
      key: k,
      name: names.get(k) ?? '其他保障',
      paid: fmt(fromFen(book.keys[k]?.paidFen ?? 0)),
    }));
    const warnings: string[] = [];
    const w = opts.pack?.warnings;
    const chronicBurden = fromFen(book.burden.chronicFen);
    const inpatientBurden = fromFen(book.burden.inpatientFen);
    if (w?.chronicYearBurden && chronicBurden.greaterThanOrEqualTo(w.chronicYearBurden)) warnings.push(`本年度慢病个人负担合规费用已达 ${fmt(chronicBurden)} 元（预警线 ${w.chronicYearBurden} 元）`);
    if (w?.inpatientYearBurden && inpatientBurden.greaterThanOrEqualTo(w.inpatientYearBurden)) warnings.push(`本年度住院个人负担合规费用已达 ${fmt(inpatientBurden)} 元（预警线 ${w.inpatientYearBurden} 元）`);
    if (found.source === 'cache') warnings.push('医保网络不可用：显示的是本机缓存资料，结算将离线保存，网络恢复后自动上传');
    const birth = /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? p.birthDate : undefined;
    return {
      ticket,
      method,
      personNo: p.personNo,
      name: p.name,
      idMasked: maskIdNumber(p.idNumber),
      gender: p.gender,
      age: birth ? ageOn(birth, now) : undefined,
      insuranceType: p.insuranceType,
      insuranceTypeName: p.insuranceType === 'employee' ? '职工基本医疗保险' : '城乡居民基本医疗保险',
      region: p.insuranceRegion,
      identities: p.identities.map((code) => ({ code, name: IDENTITY_NAMES[code] ?? code })),
      enrolled: p.enrolled,
      chronic: p.chronic.map((c) => ({
        code: c.code,
        name: c.name,
        clinic: c.clinic,
        // 5301 does not say where a registration was signed: unknown is not "elsewhere".
        signedHere: !c.clinic || c.clinic === opts.institutionCode,
        stable: isStable(p.personNo, c),
        since: c.begin,
      })),
      accountBalance: p.accountBalance,
      ytd: { year, items, inpatientBurden: fmt(inpatientBurden), chronicBurden: fmt(chronicBurden) },
      warnings,
      source: found.source,
      fetchedAt: found.fetchedAt,
      ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(found.fetchedAt)) / 1000)),
      cardFree: opts.cardFree,
    };
  }
}

/**
 * Whether a registration is "stable" (3-month prescriptions allowed). The 1101 answer carries no
 * such flag: the network's own extension wins when present, then the demo dataset (simulator),
 * else not stable (the conservative reading: the short prescription limit applies).
 */
export function isStable(personNo: string, c: { code: string; stable?: boolean }): boolean {
  if (typeof c.stable === 'boolean') return c.stable;
  const demo = DEMO_PERSONS.find((p) => p.personNo === personNo);
  return demo?.chronic.find((r) => r.code === c.code)?.stable ?? false;
}

