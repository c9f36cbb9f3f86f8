// The first screen: what this window is, where its data lives, and the keys to the other screens.
import { Panel, ErrorLine, Key } from '../components/ui';
import { useCall } from '../useCall';
import { SCREENS, type ScreenProps } from './registry';

export function HomeScreen(_props: ScreenProps) {
  const info = useCall('app.info');
  const inst = useCall('setup.institution.get');
  return (
    <div className="stack">
      <Panel title="本窗口">
        <ErrorLine error={info.error ?? inst.error} />
        <dl className="facts">
          <dt>机构</dt>
          <dd>{inst.value ? `${inst.value.name}（${inst.value.code}）` : '—'}</dd>
          <dt>窗口号</dt>
          <dd>{inst.value?.terminalNo ?? '—'}</dd>
          <dt>运行方式</dt>
          <dd>{info.value ? (info.value.mode === 'electron' ? '桌面程序' : '浏览器模式') : '—'}</dd>
          <dt>数据目录</dt>
          <dd className="mono">{info.value?.dataDir ?? '—'}</dd>
          <dt>数据库版本</dt>
          <dd>{info.value?.schemaVersion ?? '—'}</dd>
          <dt>程序版本</dt>
          <dd>{info.value?.version ?? '—'}</dd>
        </dl>
      </Panel>
      <Panel title="快捷键">
        <ul className="hotkeys">
          {SCREENS.map((s) => (
            <li key={s.id}>
              <Key>{s.hotkey}</Key> {s.title}
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
