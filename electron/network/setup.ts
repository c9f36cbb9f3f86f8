// The network setup as stored (settings key "network"), its validation, and its view (secrets
// never leave: the view only says whether they are set). The site's code maps and visit data
// (settings key "network.site": chronic-disease and fund-type maps, refusal patterns, visit
// defaults) have no screen yet; the built-in simulator's demo values stand in (./demo-setup.ts).
import fs from 'node:fs';
import type { NetworkSetupView } from '../api/contract';
import { int, obj, oneOf, optional, str } from '../api/validate';
import { fail, ok, type Result } from '../core/result';
import { bool, record, v } from '../api/validate';
import type { InstitutionSetup } from '../api/contract';
import type { FundMap, NetworkSetup, RefusalPatterns, TlsOptions } from './client';
import type { VisitSetup } from './forwarder/clinical';
import { fieldMessage } from '../core/field-label';

export const NETWORK_SETTINGS_KEY = 'network';
export const SITE_SETTINGS_KEY = 'network.site';

/** The site's own maps and visit data (no API yet: set by a technician's import, or the demo's). */
export interface SiteSetup {
  visit: VisitSetup;
  /** 5301 opsp_dise_code -> the packs' chronic code. */
  chronicMap: Record<string, string>;
  fundMap: FundMap;
  refusalPatterns: RefusalPatterns;
}

export const EMPTY_SITE: SiteSetup = { visit: {}, chronicMap: {}, fundMap: {}, refusalPatterns: {} };

/**
 * The identity codes earlier versions filled in by default (the old simulator's own, no region's):
 * a stored map equal to them was never chosen by anyone and counts as empty.
 */
const LEGACY_IDENTITY_MAP: Record<string, string> = { '210': 'poverty', '220': 'lowIncome', '230': 'destitute', '240': 'severeDisability', '250': 'atRisk' };

export function storedIdentityMap(m: Record<string, string> | undefined): Record<string, string> {
  const map = m ?? {};
  const keys = Object.keys(map);
  const legacy = keys.length === 5 && keys.every((k) => LEGACY_IDENTITY_MAP[k] === map[k]);
  return legacy ? {} : map;
}

export interface StoredNetworkSetup extends Omit<NetworkSetupView, 'passphraseSet' | 'sm4KeySet' | 'signKeySet'> {
  passphrase: string;
  sm4Key: string;
  signKey: string;
}

/**
 * The setup as stored, read back: each field checked for its type (network.setup.set checked its
 * format when it was written); a field left out takes its default, one of the wrong type is refused.
 */
export const StoredNetworkSetupSchema = v.partial(v.looseObject({
  mode: v.picklist(['builtin', 'endpoint']),
  endpoint: v.string(),
  receiverSystemCode: v.string(),
  interfaceVersion: v.string(),
  operatorType: v.string(),
  operatorCode: v.string(),
  operatorName: v.string(),
  timeoutMs: v.number(),
  caFile: v.string(),
  certFile: v.string(),
  keyFile: v.string(),
  passphrase: v.string(),
  identityMap: v.record(v.string(), v.string()),
  gateway: v.picklist(['none', 'sm3sm4']),
  sm4Key: v.string(),
  signKey: v.string(),
  simFaults: v.string(),
}));

export const DEFAULT_NETWORK_SETUP: StoredNetworkSetup = {
  mode: 'builtin',
  endpoint: '',
  receiverSystemCode: 'MBS_LOCAL',
  interfaceVersion: 'V1.0',
  operatorType: '1',
  operatorCode: 'W01',
  operatorName: '收费窗口',
  timeoutMs: 30_000,
  caFile: '',
  certFile: '',
  keyFile: '',
  passphrase: '',
  identityMap: {},
  gateway: 'none',
  sm4Key: '',
  signKey: '',
  simFaults: '',
};

export function viewOf(s: StoredNetworkSetup): NetworkSetupView {
  const { passphrase, sm4Key, signKey, ...rest } = s;
  return { ...rest, passphraseSet: !!passphrase, sm4KeySet: !!sm4Key, signKeySet: !!signKey };
}

const IDENTITIES = ['poverty', 'lowIncome', 'destitute', 'severeDisability', 'atRisk'] as const;

const identityCode = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,6}$/, (i) => `人员身份代码 ${String(i.input)} 格式不正确`));
const identityMap = record(identityCode, oneOf(IDENTITIES), 1000);

const flag = () => bool();

export const networkSetupInput = obj({
  mode: oneOf(['builtin', 'endpoint'] as const),
  endpoint: str({ max: 500 }),
  receiverSystemCode: str({ min: 1, max: 10 }),
  interfaceVersion: str({ min: 1, max: 10 }),
  operatorType: oneOf(['1', '2', '3'] as const),
  operatorCode: str({ min: 1, max: 30 }),
  operatorName: str({ min: 1, max: 50 }),
  timeoutMs: int({ min: 1000, max: 300_000 }),
  caFile: str({ max: 1000 }),
  certFile: str({ max: 1000 }),
  keyFile: str({ max: 1000 }),
  passphrase: optional(str({ max: 200 })),
  passphraseSet: flag(),
  identityMap,
  gateway: oneOf(['none', 'sm3sm4'] as const),
  sm4Key: optional(str({ max: 64 })),
  sm4KeySet: flag(),
  signKey: optional(str({ max: 200 })),
  signKeySet: flag(),
  simFaults: str({ max: 300 }),
});

/** Merges an input (secrets undefined = keep) into the stored setup. */
export function mergeSetup(prev: StoredNetworkSetup, input: NetworkSetupView): StoredNetworkSetup {
  const { passphraseSet: _a, sm4KeySet: _b, signKeySet: _c, passphrase, sm4Key, signKey, ...rest } = input;
  return {
    ...rest,
    passphrase: passphrase === undefined ? prev.passphrase : passphrase,
    sm4Key: sm4Key === undefined ? prev.sm4Key : sm4Key,
    signKey: signKey === undefined ? prev.signKey : signKey,
  };
}

/** Reads the PEM files named by the setup; a missing file is an error naming the field. */
export function tlsFrom(s: StoredNetworkSetup): Result<TlsOptions | undefined> {
  const read = (file: string, field: string): Result<string | undefined> => {
    if (!file) return ok(undefined);
    try {
      return ok(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      return fail('VALIDATION', `无法读取证书文件 ${file}`, `${field}: ${(err as Error).message}`, field);
    }
  };
  const ca = read(s.caFile, 'caFile');
  if (!ca.ok) return ca;
  const cert = read(s.certFile, 'certFile');
  if (!cert.ok) return cert;
  const key = read(s.keyFile, 'keyFile');
  if (!key.ok) return key;
  if (!ca.value && !cert.value && !key.value) return ok(undefined);
  return ok({ ca: ca.value, cert: cert.value, key: key.value, passphrase: s.passphrase || undefined });
}

export function clientSetup(s: StoredNetworkSetup, inst: InstitutionSetup, endpoint: string, tls: TlsOptions | undefined, site: SiteSetup = EMPTY_SITE): NetworkSetup {
  return {
    endpoint,
    institutionCode: inst.code,
    institutionName: inst.name,
    region: inst.region,
    terminalNo: inst.terminalNo,
    receiverSystemCode: s.receiverSystemCode,
    interfaceVersion: s.interfaceVersion,
    operatorType: s.operatorType,
    operatorCode: s.operatorCode,
    operatorName: s.operatorName,
    timeoutMs: s.timeoutMs,
    tls,
    identityMap: s.identityMap,
    chronicMap: site.chronicMap,
    fundMap: site.fundMap,
    refusalPatterns: site.refusalPatterns,
  };
}
