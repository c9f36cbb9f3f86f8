// Daily automatic backups and the database check: the folder (best on another disk or a USB
// drive), the days kept, and what the last daily run found.
import { useState } from 'react';
import { Field, ErrorLine, Notice } from '../../components/ui';
import { call } from '../../useCall';
import { useSetupForm } from '../../useSetupForm';
import { dateTime } from '../../format';

export function AutoBackupForm(props: { onBackup(): void }) {
  // The form is loaded once: the reload after a save or a check refreshes the last run only.
  const { form, edit, save: saveForm, saved, error: formError, current: care } = useSetupForm('setup.autoBackup.get', 'setup.autoBackup.set', {
    toForm: (v) => ({ enabled: v.enabled, folder: v.folder, keepDays: v.keepDays }),
    loadOnce: true,
  });
  const [checkError, setCheckError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  if (!form) return <ErrorLine error={formError} />;
  const save = async () => {
    setNotice(undefined);
    setCheckError(undefined);
    if (await saveForm()) void care.reload();
  };
  const checkNow = async () => {
    const res = await call('setup.dbCheck');
    if (!res.ok) return setCheckError(res.error.message);
    setCheckError(undefined);
    setNotice(res.value.last?.checkOk ? `数据库检查正常${res.value.last.backupFile ? `，已备份到 ${res.value.last.backupFile}` : ''}` : '数据库检查发现损坏，请看窗口顶部的提示');
    void care.reload();
    props.onBackup();
  };
  const last = care.value?.last;
  return (
    <section aria-label="自动备份">
      <h3>每日自动检查与备份</h3>
      <p className="field-hint">每天第一次运行时检查数据库是否完好，完好则自动备份到下面的文件夹，超过保留天数的自动备份会被删除。文件夹最好放在另一块硬盘或 U 盘上。</p>
      <label className="field">
        <span className="field-label">自动备份</span>
        <input type="checkbox" checked={form.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
      </label>
      <Field label="自动备份文件夹" hint="完整路径">
        <input value={form.folder} onChange={(e) => edit({ folder: e.target.value })} />
      </Field>
      <Field label="保留天数">
        <input type="number" min={1} max={3650} value={form.keepDays} onChange={(e) => edit({ keepDays: Math.max(1, Math.trunc(Number(e.target.value)) || 1) })} />
      </Field>
      <p>
        <button type="button" onClick={() => void save()}>保存自动备份设置</button> <button type="button" onClick={() => void checkNow()}>立即检查并备份</button>
      </p>
      {last ? (
        <p data-testid="last-db-check">
          上次检查：{dateTime(last.checkedAt)}，{last.checkOk ? '数据库完好' : '发现损坏'}
          {last.backupFile ? `；自动备份：${last.backupFile}` : ''}
          {last.backupError ? `；自动备份失败：${last.backupError}` : ''}
        </p>
      ) : null}
      <ErrorLine error={checkError ?? formError} />
      {notice ? <Notice>{notice}</Notice> : saved ? <Notice>已保存：每天自动检查数据库并备份到该文件夹。</Notice> : null}
    </section>
  );
}
