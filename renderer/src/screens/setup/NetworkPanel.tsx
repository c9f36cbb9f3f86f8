// The insurance network: built-in simulator or endpoint, envelope values, TLS, gateway,
// identity code map; status, test sign-in, recent messages and the support bundle.
import { useEffect, useState } from 'react';
import type { NetworkIdentity, NetworkSetupView } from '../../../../electron/api/contract';
import { Panel, Field, ErrorLine, Notice } from '../../components/ui';
import { call, useCall } from '../../useCall';
import { useSetupForm } from '../../useSetupForm';
import { dateTime } from '../../format';

const IDENTITY_NAMES: [NetworkIdentity, string][] = [
  ['poverty', '建档立卡贫困人口'],
  ['lowIncome', '低保对象'],
  ['destitute', '特困人员'],
  ['severeDisability', '重度残疾人'],
  ['atRisk', '边缘易致贫户'],
];

const OUTCOME_NAMES: Record<string, string> = {
  ok: '成功', rejected: '被拒绝', notSent: '未发出', unknownOutcome: '结果未知', badResponse: '应答异常', sending: '发送中',
};

function mapText(m: Record<string, NetworkIdentity>): string {
  return Object.entries(m).map(([code, id]) => `${code}=${id}`).join('\n');
}

function parseMap(text: string): Record<string, NetworkIdentity> | string {
  const out: Record<string, NetworkIdentity> = {};
  for (const line of text.split(/\n/).map((l) => l.trim()).filter(Boolean)) {
    const [code, id] = line.split('=').map((s) => s.trim());
    if (!code || !IDENTITY_NAMES.some(([k]) => k === id)) return `无法识别的对照：${line}`;
    out[code] = id as NetworkIdentity;
  }
  return out;
}

function StatusBlock() {
  const status = useCall('network.status');
  const [msg, setMsg] = useState<string | undefined>();
  const [err, setErr] = useState<string | undefined>();
  const s = status.value;
  // The status line follows the network while the panel is open (the watch probes in the background).
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(() => void reload(), 2000);
    return () => clearInterval(timer);
  }, [reload]);
  const signIn = async () => {
    const r = await call('network.signIn');
    if (r.ok) { setErr(undefined); setMsg(`签到成功，签到流水号 ${r.value.signNo}`); }
    else { setMsg(undefined); setErr(r.error.message); }
    void status.reload();
  };
  const bundle = async () => {
    const r = await call('network.supportBundle');
    if (r.ok) { setErr(undefined); setMsg(`支持包已导出：${r.value.file}`); }
    else { setMsg(undefined); setErr(r.error.message); }
  };
  if (!s) return <ErrorLine error={status.error} />;
  return (
    <div className="network-status">
      <p>
        当前：{s.mode === 'builtin' ? '内置医保网络模拟器' : '医保网络'} <code>{s.endpoint}</code>
        {s.fromFlag ? '（由启动参数 --network 指定）' : ''}
      </p>
      <p>
        连接状态：<span aria-label="连接状态">{s.online === null ? '尚未通信（正在检测）' : s.online ? '在线' : '离线'}</span>
        {s.lastSeenAt ? `（${dateTime(s.lastSeenAt)}）` : ''}；
        签到：{s.signedIn ? `已签到 ${s.signNo}` : '未签到'}；机构 {s.institutionCode} 窗口 {s.terminalNo}
        {s.simFaults ? `；模拟故障：${s.simFaults}` : ''}
      </p>
      <p>报文统计：{Object.entries(s.messages).map(([k, n]) => `${OUTCOME_NAMES[k] ?? k} ${n}`).join('，') || '无'}</p>
      <button type="button" onClick={() => void signIn()}>测试签到</button>{' '}
      <button type="button" onClick={() => void bundle()}>导出支持包</button>
      {msg ? <Notice>{msg}</Notice> : null}
      <ErrorLine error={err} />
    </div>
  );
}

function MessageList() {
  const list = useCall('network.messages', { limit: 20 });
  if (!list.value) return <ErrorLine error={list.error} />;
  return (
    <table className="table">
      <thead><tr><th>时间</th><th>交易</th><th>报文ID</th><th>结果</th><th>耗时</th><th>网络消息</th></tr></thead>
      <tbody>
        {list.value.map((m) => (
          <tr key={m.id}>
            <td>{dateTime(m.startedAt).slice(11)}</td><td>{m.infno}</td><td><code>{m.msgid}</code></td>
            <td>{OUTCOME_NAMES[m.outcome] ?? m.outcome}</td><td>{m.durationMs ?? '-'} ms</td><td>{m.errMsg ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NetworkPanel() {
  // The identity map is edited as text (one code=identity a line) and parsed before the call.
  const withText = (v: NetworkSetupView) => ({ ...v, mapEdit: mapText(v.identityMap) });
  const { form, edit: set, save, saved, error } = useSetupForm('network.setup.get', 'network.setup.set', {
    toForm: withText,
    toInput: ({ mapEdit, ...setup }) => {
      const map = parseMap(mapEdit);
      return typeof map === 'string' ? { refuse: map } : { ...setup, identityMap: map };
    },
    afterSave: (stored, f) => ({ ...stored, mapEdit: f.mapEdit }),
  });
  if (!form) return <Panel title="医保网络"><ErrorLine error={error} /></Panel>;
  return (
    <Panel title="医保网络">
      <StatusBlock />
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="连接方式">
          <select value={form.mode} onChange={(e) => set({ mode: e.target.value as NetworkSetupView['mode'] })}>
            <option value="builtin">内置模拟器（演示、培训）</option>
            <option value="endpoint">医保网络接口地址</option>
          </select>
        </Field>
        {form.mode === 'endpoint' ? (
          <Field label="接口地址" hint="完整地址，原样提交，例如 https://…/fsi/api/rsfComIfsService/callService">
            <input value={form.endpoint} onChange={(e) => set({ endpoint: e.target.value.trim() })} />
          </Field>
        ) : (
          <Field label="模拟故障" hint="例如 drop=0.1,timeout=0.05,error=0.05,latency=20-200；留空为无故障">
            <input value={form.simFaults} onChange={(e) => set({ simFaults: e.target.value.trim() })} />
          </Field>
        )}
        <Field label="接收方系统代码"><input value={form.receiverSystemCode} onChange={(e) => set({ receiverSystemCode: e.target.value.trim() })} /></Field>
        <Field label="接口版本号"><input value={form.interfaceVersion} onChange={(e) => set({ interfaceVersion: e.target.value.trim() })} /></Field>
        <Field label="经办人类别">
          <select value={form.operatorType} onChange={(e) => set({ operatorType: e.target.value })}>
            <option value="1">1 经办人</option><option value="2">2 自助终端</option><option value="3">3 移动终端</option>
          </select>
        </Field>
        <Field label="经办人编号"><input value={form.operatorCode} onChange={(e) => set({ operatorCode: e.target.value.trim() })} /></Field>
        <Field label="经办人姓名"><input value={form.operatorName} onChange={(e) => set({ operatorName: e.target.value })} /></Field>
        <Field label="超时（毫秒）"><input type="number" value={form.timeoutMs} onChange={(e) => set({ timeoutMs: Number(e.target.value) })} /></Field>
        <Field label="CA 证书文件" hint="PEM 文件路径；留空使用系统证书"><input value={form.caFile} onChange={(e) => set({ caFile: e.target.value.trim() })} /></Field>
        <Field label="客户端证书文件"><input value={form.certFile} onChange={(e) => set({ certFile: e.target.value.trim() })} /></Field>
        <Field label="客户端私钥文件"><input value={form.keyFile} onChange={(e) => set({ keyFile: e.target.value.trim() })} /></Field>
        <Field label="私钥口令" hint={form.passphraseSet ? '已设置；留空则不修改' : '未设置'}>
          <input type="password" value={form.passphrase ?? ''} onChange={(e) => set({ passphrase: e.target.value || undefined })} />
        </Field>
        <Field label="区域网关加密">
          <select value={form.gateway} onChange={(e) => set({ gateway: e.target.value as NetworkSetupView['gateway'] })}>
            <option value="none">不加密（明文 JSON）</option><option value="sm3sm4">SM4 加密 + SM3 签名</option>
          </select>
        </Field>
        {form.gateway === 'sm3sm4' ? (
          <>
            <Field label="SM4 密钥" hint={form.sm4KeySet ? '已设置；留空则不修改' : '32 位十六进制'}>
              <input type="password" value={form.sm4Key ?? ''} onChange={(e) => set({ sm4Key: e.target.value.trim() || undefined })} />
            </Field>
            <Field label="SM3 签名密钥" hint={form.signKeySet ? '已设置；留空则不修改' : '可选'}>
              <input type="password" value={form.signKey ?? ''} onChange={(e) => set({ signKey: e.target.value || undefined })} />
            </Field>
          </>
        ) : null}
        <Field label="人员身份代码对照" hint={`每行一条：代码=身份（${IDENTITY_NAMES.map(([k, n]) => `${k} ${n}`).join('，')}）`}>
          <textarea rows={5} value={form.mapEdit} onChange={(e) => set({ mapEdit: e.target.value })} />
        </Field>
        <ErrorLine error={error} />
        {saved ? <Notice>已保存，新设置已生效</Notice> : null}
        <button type="submit" className="primary">保存</button>
      </form>
      <h3>最近报文</h3>
      <MessageList />
    </Panel>
  );
}
