// The network's settlement beside the local engine's: the layers as the network names its funds,
// the local explanation, the differences between them item by item, and the year-to-date the
// local book keeps for a settlement the network decided (the local engine's accumulators, with
// what each fund paid taken from the network). Pure: no I/O.
import { Dec, toFen, yuan } from '../core/money';
import type { NetSettlement } from '../network/client';
import type { StoredLayer, StoredLine, YtdDelta } from '../store/settlements';
import type { Computed } from './compute';

const fen = (money: string) => toFen(new Dec(money || '0'));

/** One item compared: a layer (its key), or account / cash / total. */
export interface Difference {
  item: string;
  /** The Chinese name of the item (the network's fund name where it has one). */
  name: string;
  localFen: number;
  networkFen: number;
}

/** The local engine's result kept beside a network-decided settlement (settlement_local). */
export interface LocalExplanation {
  packId: string;
  layers: { key: string; name: string; amountFen: number; trace: string }[];
  fundsFen: number;
  accountFen: number;
  cashFen: number;
  totalFen: number;
  trace: string[];
  differences: Difference[];
  /** Why there is no local result (no pack for the region, no rule for the insurance type). */
  missing?: string;
}

const ITEM_NAMES: Record<string, string> = { account: '个人账户', cash: '个人现金', total: '医疗费用总额' };

/** The network's layers as the document stores them: its own names, the local trace where the local engine has the layer. */
export function networkLayers(s: NetSettlement, local: Computed | undefined): StoredLayer[] {
  const byKey = new Map((local?.layers ?? []).map((l) => [l.key, l]));
  const info = new Map(s.details.filter((d) => d.place).map((d) => [d.place!, d.info]));
  const out: StoredLayer[] = s.layerList.map((l) => {
    const mine = byKey.get(l.key);
    const amountFen = fen(l.amount);
    // The network's own words where it sends any, else the local engine's reckoning of the same fund (marked when its amount differs).
    const localTrace = mine?.trace ? (mine.amountFen === amountFen ? mine.trace : `本地测算 ${yuan(mine.amountFen)}：${mine.trace}`) : '';
    return { key: l.key, name: l.name, ytdKey: mine?.ytdKey ?? l.key, baseFen: 0, amountFen, trace: info.get(l.key) || localTrace };
  });
  for (const d of s.details) {
    if (d.place !== undefined || new Dec(d.amount || '0').isZero()) continue;
    out.push({ key: `unplaced.${d.fundType}`, name: d.fundName || `基金 ${d.fundType}`, ytdKey: `unplaced.${d.fundType}`, baseFen: 0, amountFen: fen(d.amount), trace: d.info });
  }
  return out;
}

/** Item-by-item differences between the local result and the network's (layers by key, account, cash, total). */
export function differencesOf(local: Computed, net: { layers: StoredLayer[]; accountFen: number; cashFen: number; totalFen: number }): Difference[] {
  const localBy = new Map<string, { fen: number; name: string }>();
  for (const l of local.layers) localBy.set(l.key, { fen: (localBy.get(l.key)?.fen ?? 0) + l.amountFen, name: l.name });
  const netBy = new Map<string, { fen: number; name: string }>();
  for (const l of net.layers) netBy.set(l.key, { fen: (netBy.get(l.key)?.fen ?? 0) + l.amountFen, name: l.name });
  const out: Difference[] = [];
  for (const k of [...new Set([...netBy.keys(), ...localBy.keys()])]) {
    const a = localBy.get(k)?.fen ?? 0;
    const b = netBy.get(k)?.fen ?? 0;
    if (a !== b) out.push({ item: k, name: netBy.get(k)?.name ?? localBy.get(k)!.name, localFen: a, networkFen: b });
  }
  const pairs: [string, number, number][] = [['total', local.fees.totalFen, net.totalFen], ['account', local.accountFen, net.accountFen], ['cash', local.cashFen, net.cashFen]];
  for (const [item, a, b] of pairs) if (a !== b) out.push({ item, name: ITEM_NAMES[item], localFen: a, networkFen: b });
  return out;
}

/** A difference in words, for the window and the receipt's explanation. */
export function differenceText(d: Difference): string {
  const delta = d.networkFen - d.localFen;
  return `${d.name}：医保 ${yuan(d.networkFen)}，本地测算 ${yuan(d.localFen)}（${delta > 0 ? '多' : '少'} ${yuan(Math.abs(delta))}）`;
}

export function explanation(local: Computed | undefined, differences: Difference[], missing?: string): LocalExplanation {
  if (!local) return { packId: '', layers: [], fundsFen: 0, accountFen: 0, cashFen: 0, totalFen: 0, trace: [], differences: [], missing };
  return {
    packId: local.result.packId,
    layers: local.layers.map((l) => ({ key: l.key, name: l.name, amountFen: l.amountFen, trace: l.trace })),
    fundsFen: local.fundsFen, accountFen: local.accountFen, cashFen: local.cashFen, totalFen: local.fees.totalFen,
    trace: local.result.trace, differences,
  };
}

/**
 * The year-to-date a network-decided settlement adds to the local book: the local engine's
 * accumulators (deductible and bases), with what each layer paid replaced by the network's
 * amount. Without a local result: what each network layer paid, under its own key.
 */
export function networkYtd(local: Computed | undefined, layers: StoredLayer[], year: number): YtdDelta {
  if (!local) {
    const keys: YtdDelta['keys'] = {};
    for (const l of layers) keys[l.ytdKey] = { baseFen: 0, paidFen: (keys[l.ytdKey]?.paidFen ?? 0) + l.amountFen, burdenFen: 0 };
    return { year, keys, burden: { inpatientFen: 0, chronicFen: 0 } };
  }
  const d: YtdDelta = JSON.parse(JSON.stringify(local.ytdDelta)) as YtdDelta;
  const netBy = new Map<string, number>();
  for (const l of layers) netBy.set(l.key, (netBy.get(l.key) ?? 0) + l.amountFen);
  const seen = new Set<string>();
  for (const l of local.layers) {
    if (seen.has(l.key)) continue;
    seen.add(l.key);
    const localFen = local.layers.filter((x) => x.key === l.key).reduce((a, x) => a + x.amountFen, 0);
    const diff = (netBy.get(l.key) ?? 0) - localFen;
    if (!diff) continue;
    const k = l.ytdKey;
    d.keys[k] = { ...(d.keys[k] ?? { baseFen: 0, paidFen: 0, burdenFen: 0 }), paidFen: (d.keys[k]?.paidFen ?? 0) + diff };
    if (d.after?.[k]) d.after[k] = { ...d.after[k], paidFen: d.after[k].paidFen + diff };
  }
  return d;
}

/** The stored lines with the network's class and self-pay ratio per line (2204 / 2301 answers, in upload order). */
export function networkClasses(lines: StoredLine[], classes: { class: 'A' | 'B' | 'C'; selfPayRatio: string }[] | undefined): StoredLine[] {
  if (!classes || classes.length !== lines.length) return lines;
  return lines.map((l, i) => ({ ...l, class: classes[i].class, selfPayRatio: classes[i].class === 'B' ? classes[i].selfPayRatio || l.selfPayRatio : undefined }));
}

/** The fee totals as the network split them (fully self-paid includes the part over a price cap). */
export function networkFees(s: NetSettlement): { totalFen: number; inScopeFen: number; preSelfPayFen: number; fullSelfPayFen: number } {
  return { totalFen: fen(s.total), inScopeFen: fen(s.inScope), preSelfPayFen: fen(s.preSelfPay), fullSelfPayFen: fen(s.fullSelfPay) + fen(s.overLimit) };
}

