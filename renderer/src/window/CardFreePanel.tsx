// Setup panel: which identities may settle without a card (by ID number and name check).
import type { CardFreeRules } from '../../../electron/api/contract';
import { Panel, ErrorLine, Notice } from '../components/ui';
import { useSetupForm } from '../useSetupForm';

const ROWS: [keyof CardFreeRules, string, string][] = [
  ['poverty', '建档立卡贫困人口', '默认允许（淄博：贫困人口不刷医保卡即可完成门诊慢性病结算）'],
  ['lowIncome', '低保对象', '按本地政策决定是否允许'],
  ['destitute', '特困人员', '按本地政策决定是否允许'],
];

export function CardFreePanel() {
  const { form: rules, edit, save, saved, error } = useSetupForm('window.cardFree.get', 'window.cardFree.set');
  return (
    <Panel title="无卡结算">
      <p>无卡结算：按身份证号查询参保人，并核对姓名；结算记录和审计日志中标记为"无卡"。其他人员必须读卡或扫医保电子凭证。</p>
      <ErrorLine error={error} />
      {rules ? (
        <div className="stack" role="group" aria-label="允许无卡结算的人员">
          {ROWS.map(([key, label, hint]) => (
            <label key={key} className="check-row">
              <input type="checkbox" checked={rules[key]} onChange={(e) => edit({ [key]: e.target.checked })} /> 允许{label}无卡结算
              <span className="field-hint">　{hint}</span>
            </label>
          ))}
        </div>
      ) : null}
      {saved ? <Notice>已保存</Notice> : null}
      <button type="button" className="primary" onClick={() => void save()}>保存</button>
    </Panel>
  );
}
