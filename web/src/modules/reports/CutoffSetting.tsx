/**
 * The cut-off convention of the periods (GET/PUT /reports/settings): shown to everyone under the period picker,
 * editable by an administrator at the national level (audited on the server).
 */
import { useState } from 'react';
import { Button, InputNumber, Space, Typography } from 'antd';
import { apiFetch, useApi } from '../../http.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useUser } from '../auth/session.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

interface Cutoff {
  startDay: number;
  description: string;
  verified: boolean;
}

export function CutoffSetting({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const isNationalAdmin = user.grants.some((g) => g.role === 'admin' && g.agencyCode === 'VN');
  const { data, reload } = useApi<{ cutoff: Cutoff }>('/reports/settings');
  const [day, setDay] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!data) return null;
  const save = () => {
    setSaving(true);
    setError(null);
    apiFetch('PUT', '/reports/settings', { body: { cutoff: { startDay: day ?? data.cutoff.startDay } } }).then(
      () => {
        setSaving(false);
        reload();
        onChanged();
      },
      (err: unknown) => {
        setSaving(false);
        setError(err);
      },
    );
  };
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary" data-testid="report-cutoff">
        {t('report.cutoff', { description: data.cutoff.description })}
      </Typography.Text>
      {isNationalAdmin && (
        <Space style={{ marginLeft: 12 }}>
          <label htmlFor="report-cutoff-day">{t('report.cutoff.startDay')}</label>
          <InputNumber id="report-cutoff-day" min={1} max={28} value={day ?? data.cutoff.startDay} onChange={(v) => setDay(typeof v === 'number' ? v : null)} />
          <Button size="small" loading={saving} onClick={save} data-testid="report-cutoff-save">
            {t('common.save')}
          </Button>
        </Space>
      )}
      {error !== null && <ErrorAlert error={error} />}
    </div>
  );
}
