// The pre-settlement as the API shows it: the network's split (2206 / 2303) with the local
// engine's explanation beside it and the differences flagged, or (offline) the local engine's.
import { yuan } from '../core/money';
import { settlementProblems, type NetSettlement } from '../network/client';
import { confirmedAmounts } from '../network/forwarder';
import type { SettlementDifferenceView, SettlementLayerView, SettlementPreView } from '../api/contract';
import type { StoredLayer } from '../store/settlements';
import type { Computed } from './compute';
import { differenceText, differencesOf, networkFees, networkLayers } from './explain';
import type { Prepared } from './prepare';

type Common = Pick<SettlementPreView, 'online' | 'offlineAllowed' | 'offlineMessage' | 'personSource' | 'personAgeText'>;

function layerViews(layers: StoredLayer[]): SettlementLayerView[] {
  return layers.map((l) => ({ key: l.key, name: l.name, ytdKey: l.ytdKey, base: yuan(l.baseFen), amount: yuan(l.amountFen), trace: l.trace }));
}

function localPart(c: Computed): NonNullable<SettlementPreView['local']> {
  return { packId: c.result.packId, layers: layerViews(c.layers), funds: yuan(c.fundsFen), account: yuan(c.accountFen), cash: yuan(c.cashFen) };
}

/** Offline: the local engine's result is the figures. */
export function localPreView(p: Prepared & { computed: Computed }, common: Common): SettlementPreView {
  const c = p.computed;
  const r = c.result;
  return {
    ...common,
    packId: r.packId,
    packHash: r.packHash,
    fees: { total: r.fees.total.toFixed(2), inScope: r.fees.inScope.toFixed(2), preSelfPay: r.fees.preSelfPay.toFixed(2), fullSelfPay: r.fees.fullSelfPay.toFixed(2) },
    layers: r.layers.map((l) => ({ key: l.key, name: l.name, ytdKey: l.ytdKey, base: l.base.toFixed(2), amount: l.amount.toFixed(2), trace: l.trace })),
    funds: yuan(c.fundsFen),
    account: yuan(c.accountFen),
    cash: yuan(c.cashFen),
    adjustment: yuan(p.adjustmentFen),
    cashDue: yuan(c.cashFen + p.adjustmentFen),
    trace: r.trace,
    warnings: r.warnings.map((w) => w.message),
    basis: 'local',
    differences: [],
  };
}

/** Online: the network's split, the local explanation beside it, every difference in words. */
export function networkPreView(p: Prepared, s: NetSettlement, common: Common): SettlementPreView {
  const local = p.computed;
  const conf = confirmedAmounts(s);
  const layers = networkLayers(s, local);
  const fees = networkFees(s);
  const differences: SettlementDifferenceView[] = local
    ? differencesOf(local, { layers, accountFen: conf.accountFen, cashFen: conf.cashFen, totalFen: conf.totalFen }).map((d) => ({
      item: d.item, name: d.name, local: yuan(d.localFen), network: yuan(d.networkFen), text: differenceText(d),
    }))
    : [];
  const warnings = [...settlementProblems(s).map((w) => `医保网络结算结果有疑问：${w}`), ...(local?.result.warnings.map((w) => w.message) ?? [])];
  return {
    ...common,
    packId: local?.result.packId ?? '',
    packHash: local?.result.packHash ?? '',
    fees: { total: yuan(fees.totalFen), inScope: yuan(fees.inScopeFen), preSelfPay: yuan(fees.preSelfPayFen), fullSelfPay: yuan(fees.fullSelfPayFen) },
    layers: layerViews(layers),
    funds: yuan(conf.fundsFen),
    account: yuan(conf.accountFen),
    cash: yuan(conf.cashFen),
    adjustment: yuan(p.adjustmentFen),
    cashDue: yuan(conf.cashFen + p.adjustmentFen),
    trace: local?.result.trace ?? [],
    warnings,
    basis: 'network',
    local: local ? localPart(local) : undefined,
    localMissing: local ? undefined : p.missing?.error.message,
    differences,
  };
}
