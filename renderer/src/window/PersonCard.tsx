// The person at the window: masked ID, insurance type, identities, chronic registrations,
// year-to-date figures, warnings, and whether the data came from the network or the cache (age).
import type { PersonView } from '../../../electron/api/contract';
import { Money, Panel } from '../components/ui';
import { dateTime } from '../format';

const METHOD_NAMES: Record<PersonView['method'], string> = {
  ssCard: '社保卡',
  eVoucher: '医保电子凭证',
  idCard: '身份证',
  cardFree: '无卡（身份证号）',
};

function age(seconds: number): string {
  if (seconds < 90) return '刚刚';
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟前`;
  if (seconds < 86400 * 2) return `${Math.round(seconds / 3600)} 小时前`;
  return `${Math.round(seconds / 86400)} 天前`;
}

export function DataSource(props: { person: PersonView }) {
  const p = props.person;
  return p.source === 'network' ? (
    <span className="badge ok data-age">联网数据 · {age(p.ageSeconds)}</span>
  ) : (
    <span className={p.ageSeconds > 86400 ? 'badge bad data-age' : 'badge warn data-age'} title={dateTime(p.fetchedAt)}>
      离线缓存 · {age(p.ageSeconds)}获取
    </span>
  );
}

export function PersonCard(props: { person: PersonView }) {
  const p = props.person;
  return (
    <Panel title="参保人">
      <div className="person-head">
        <span className="person-name" data-testid="person-name">{p.name}</span>
        <span>{p.gender === '2' ? '女' : '男'}{p.age !== undefined ? ` ${p.age} 岁` : ''}</span>
        {p.cardFree ? <span className="badge warn">无卡结算</span> : null}
      </div>
      <dl className="facts tight">
        <dt>身份证号</dt>
        <dd className="mono" data-testid="person-id">{p.idMasked}</dd>
        <dt>险种</dt>
        <dd>{p.insuranceTypeName}（{p.region}）</dd>
        <dt>识别方式</dt>
        <dd>{METHOD_NAMES[p.method]}</dd>
        <dt>身份</dt>
        <dd className="tags">
          {p.identities.length ? p.identities.map((i) => <span key={i.code} className="badge warn">{i.name}</span>) : '普通参保人'}
          {p.enrolled.includes('qihuibao') ? <span className="badge">齐惠保</span> : null}
        </dd>
        {p.insuranceType === 'employee' ? (
          <>
            <dt>个人账户</dt>
            <dd><Money value={p.accountBalance} /> 元</dd>
          </>
        ) : null}
        <dt>门诊慢病</dt>
        <dd>
          {p.chronic.length
            ? p.chronic.map((c) => (
                <div key={c.code}>
                  {c.name}（{c.code}）{c.stable ? '·病情稳定' : ''}
                  <span className={c.signedHere ? 'badge ok' : 'badge'}>{c.signedHere ? '签约本院' : `签约 ${c.clinic}`}</span>
                </div>
              ))
            : '未登记'}
        </dd>
        <dt>数据</dt>
        <dd><DataSource person={p} /></dd>
      </dl>
      <h3 className="sub">{p.ytd.year} 年累计</h3>
      <table className="grid compact">
        <tbody>
          {p.ytd.items.map((i) => (
            <tr key={i.key}><td>{i.name}已支付</td><td className="money"><Money value={i.paid} /></td></tr>
          ))}
          <tr><td>住院个人负担（合规）</td><td className="money"><Money value={p.ytd.inpatientBurden} /></td></tr>
          <tr><td>慢病个人负担（合规）</td><td className="money"><Money value={p.ytd.chronicBurden} /></td></tr>
        </tbody>
      </table>
      {p.warnings.map((w) => (
        <p key={w} className="error-line" role="alert">⚠ {w}</p>
      ))}
    </Panel>
  );
}
