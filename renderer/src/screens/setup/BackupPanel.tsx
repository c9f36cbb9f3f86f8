// Backup (online, consistent copy) and restore (checked, applied at the next start).
import { useState } from 'react';
import { Panel, Field, ErrorLine, Notice } from '../../components/ui';
import { call, useCall } from '../../useCall';
import { dateTime } from '../../format';
import { AutoBackupForm } from './AutoBackupForm';
import { FilePick } from '../../components/FilePick';

export function BackupPanel() {
  const list = useCall('setup.backups');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [restoreFrom, setRestoreFrom] = useState('');
  const [chosen, setChosen] = useState<string>();
  const backup = async () => {
    const res = await call('setup.backup');
    if (res.ok) {
      setNotice(`备份完成：${res.value.file}`);
      setError(undefined);
      void list.reload();
    } else setError(res.error.message);
  };
  const restore = async () => {
    if (!window.confirm('恢复后，当前数据将被备份文件替换（当前数据会另存一份）。确定吗？')) return;
    const res = await call('setup.restore', { file: restoreFrom });
    if (res.ok) {
      setNotice('备份文件检查通过，已准备恢复。请关闭并重新启动本程序，恢复即生效。');
      setError(undefined);
    } else setError(res.error.message);
  };
  return (
    <Panel title="备份与恢复">
      <p>备份会在数据目录的 backups 文件夹中生成一份完整的数据库副本，程序运行时也可以备份。换电脑时，把备份文件复制到新电脑后在此恢复。</p>
      <button className="primary" onClick={() => void backup()}>立即备份</button>
      <table className="grid">
        <thead><tr><th>备份文件</th><th>时间</th><th className="num">大小（KB）</th></tr></thead>
        <tbody>
          {(list.value ?? []).map((b) => (
            <tr key={b.file}><td className="mono">{b.file}</td><td>{dateTime(b.createdAt)}</td><td className="num">{Math.ceil(b.bytes / 1024)}</td></tr>
          ))}
        </tbody>
      </table>
      <AutoBackupForm onBackup={() => void list.reload()} />
      <FilePick kind="backup" label="选择备份文件" onFile={(p, shown) => { setError(undefined); setRestoreFrom(p); setChosen(shown); }} onError={setError} />
      {chosen ? <p>已选择：{chosen}</p> : null}
      <Field label="从备份恢复" hint="或者输入本机上备份文件的完整路径">
        <input value={restoreFrom} onChange={(e) => { setError(undefined); setChosen(undefined); setRestoreFrom(e.target.value); }} aria-label="备份文件的完整路径" />
      </Field>
      <button onClick={() => void restore()} disabled={!restoreFrom}>检查并恢复</button>
      <ErrorLine error={error ?? list.error} />
      {notice ? <Notice>{notice}</Notice> : null}
    </Panel>
  );
}
