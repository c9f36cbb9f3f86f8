// 脱机结算与差额：the offline limits (largest bill per visit, per person per day) and who bears
// differences between the local and the network's settlement.
import type { OfflineLimitsView } from '../../../../electron/api/contract';
import { ErrorLine, Field, Notice, Panel } from '../../components/ui';
import { useSetupForm } from '../../useSetupForm';

export function OfflinePanel() {
  const { form, edit: set, save, saved, error } = useSetupForm('settlement.offlineLimits.get', 'settlement.offlineLimits.set', {
    afterSave: (stored) => stored,
  });
  if (!form) return <Panel title="脱机结算"><ErrorLine error={error} /></Panel>;
  return (
    <Panel title="脱机结算">
      <p>医保网络不可用时，窗口用本机缓存的参保信息脱机结算，网络恢复后自动上传。脱机结算的风险由本机构承担（年度累计、封顶线可能不是最新），请设置限额。</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="单次就诊脱机结算限额（元）" hint="医疗费总额超过此数时不允许脱机结算">
          <input inputMode="decimal" value={form.perVisit} onChange={(e) => set({ perVisit: e.target.value.trim() })} />
        </Field>
        <Field label="每人每日脱机结算限额（元）">
          <input inputMode="decimal" value={form.perPersonDay} onChange={(e) => set({ perPersonDay: e.target.value.trim() })} />
        </Field>
        <Field label="本地与医保结算金额不一致时">
          <select value={form.differencePolicy} onChange={(e) => set({ differencePolicy: e.target.value as OfflineLimitsView['differencePolicy'] })}>
            <option value="institution">由本机构承担（默认）</option>
            <option value="patient">下次就诊时向患者补收或退还（出具结算单）</option>
          </select>
        </Field>
        <ErrorLine error={error} />
        {saved ? <Notice>已保存</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
    </Panel>
  );
}
