// Person lookup (1101 and 5301): online from the network (and into the cache, with the time
// fetched); offline from the cache, with its age shown, or a clear Chinese error. The network's
// year-to-date figures (5206) are in its own codes: the local record stays the window's.
import { AppFailure } from '../core/result';
import { maskIdNumber } from '../core/mask';
import { BusinessRejectedError, isNetworkError, type NetPerson, type NetworkClient } from '../network/client';
import type { PersonCacheRepo } from '../store/persons';
import type { YtdRepo } from '../store/ytd';
import type { OutboxRepo } from '../store/outbox';
import type { AppLogger } from '../platform/logger';
import type { CertType, InsuredPersonView } from '../api/contract';

export interface FoundPerson {
  person: NetPerson;
  source: 'network' | 'cache';
  fetchedAt: string;
}

export interface LookupDeps {
  client: () => NetworkClient | undefined;
  cache: PersonCacheRepo<NetPerson>;
  ytd: YtdRepo;
  outbox: OutboxRepo;
  now: () => Date;
  log: AppLogger;
  /** Last known network state (a short timeout when it was down). */
  online: () => boolean | null;
  /** Tells the forwarder the network answered or not. */
  seen?: (online: boolean) => void;
}

export const CERT_NAMES: Record<CertType, string> = { ssCard: '社会保障卡', eVoucher: '医保电子凭证', idNumber: '身份证号' };

export async function lookupPerson(deps: LookupDeps, q: { certType: CertType; certNo: string; name?: string; cardSn?: string }): Promise<FoundPerson> {
  const client = deps.client();
  let networkError: string | undefined;
  if (client) {
    try {
      const timeoutMs = deps.online() === false ? 2500 : 8000;
      const a = await client.personRecord({ cert: { type: q.certType, no: q.certNo, cardSn: q.cardSn }, name: q.name }, { timeoutMs });
      const fetchedAt = deps.now().toISOString();
      deps.seen?.(true);
      const certs = [{ type: q.certType, no: q.certNo }, { type: 'idNumber', no: a.person.idNumber }];
      deps.cache.put(a.person.personNo, a.person, fetchedAt, certs);
      return { person: a.person, source: 'network', fetchedAt };
    } catch (err) {
      if (err instanceof BusinessRejectedError) {
        deps.seen?.(true);
        throw new AppFailure({ code: 'PERSON_REJECTED', message: `医保网络：${err.errMsg || err.message}`, detail: `1101 rejected: ${err.infcode}` });
      }
      if (!isNetworkError(err)) throw err;
      deps.seen?.(false);
      networkError = err.detail ?? err.message;
    }
  }
  const cached = deps.cache.find(q.certType, q.certNo);
  if (!cached) {
    throw new AppFailure({
      code: 'PERSON_OFFLINE_UNKNOWN',
      message: `医保网络不可用，本机也没有该参保人（${CERT_NAMES[q.certType]}）的缓存信息，无法脱机结算。请待网络恢复后再试。`,
      detail: `person lookup offline, not cached (${networkError ?? 'no network configured'})`,
    });
  }
  deps.log.info(`person ${cached.personNo} taken from the cache (fetched ${cached.fetchedAt}); network: ${networkError ?? 'not configured'}`);
  return { person: cached.data, source: 'cache', fetchedAt: cached.fetchedAt };
}

export function ageText(source: 'network' | 'cache', fetchedAt: string, now: Date): { ageSeconds: number; text: string } {
  const ageSeconds = Math.max(0, Math.round((now.getTime() - new Date(fetchedAt).getTime()) / 1000));
  if (source === 'network') return { ageSeconds, text: '刚刚从医保网络获取' };
  const m = Math.floor(ageSeconds / 60);
  const age = m < 1 ? '不到 1 分钟' : m < 60 ? `${m} 分钟` : m < 60 * 48 ? `${Math.floor(m / 60)} 小时` : `${Math.floor(m / 1440)} 天`;
  return { ageSeconds, text: `医保网络不可用，使用本机缓存（${age}前获取），年度累计可能不是最新` };
}

export function personView(f: FoundPerson, now: Date): InsuredPersonView {
  const p = f.person;
  const age = ageText(f.source, f.fetchedAt, now);
  return {
    personNo: p.personNo,
    name: p.name,
    idMasked: maskIdNumber(p.idNumber),
    gender: p.gender,
    birthDate: p.birthDate,
    insuranceType: p.insuranceType,
    insutype: p.insutype,
    region: p.insuranceRegion,
    identities: [...p.identities],
    enrolled: [...p.enrolled],
    chronic: p.chronic.map((c) => ({ code: c.code, name: c.name })),
    accountBalance: p.accountBalance,
    source: f.source,
    fetchedAt: f.fetchedAt,
    ageSeconds: age.ageSeconds,
    ageText: age.text,
  };
}
