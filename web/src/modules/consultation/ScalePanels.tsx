/**
 * Consultation at national scale (issue 21) in the staff consultation page, additive: opinion groups (clusterOpinions,
 * listOpinionGroups) offered as synthesis themes, the reading list of a section with mass campaigns grouped
 * (listOpinionCampaigns), and the flags to review (false attributions, bursts: listConsultationFlags,
 * reviewConsultationFlag).
 */
import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { apiFetch, useApi } from '../../http.ts';
import { useModuleT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

const vi = {
  groups: 'Nhóm ý kiến (phân nhóm theo ý kiến trên các điều, khoản)',
  cluster: 'Phân nhóm',
  none: 'Chưa phân nhóm.',
  people: '{n} người',
  agrees: 'Tán thành',
  disagrees: 'Không tán thành',
  theme: 'Gợi ý chủ đề cho báo cáo tổng hợp',
  reading: 'Danh sách đọc (ý kiến gửi hàng loạt được gộp)',
  section: 'Điều, khoản',
  readSection: 'Điều, khoản cần đọc',
  campaign: 'Gửi hàng loạt',
  single: 'Riêng lẻ',
  copies: '{n} bản, {v} biến thể',
  flags: 'Báo cáo mạo danh và cảnh báo gửi dồn dập',
  noFlags: 'Không có mục nào chờ xem xét.',
  uphold: 'Xác nhận',
  reject: 'Bác',
  note: 'Ghi chú xem xét',
  kindFalse: 'Mạo danh',
  kindBurst: 'Gửi dồn dập',
};
type Key = keyof typeof vi;
const en: Record<Key, string> = {
  groups: 'Opinion groups (participants clustered on their stances)',
  cluster: 'Find groups',
  none: 'No groups yet.',
  people: '{n} people',
  agrees: 'Agree',
  disagrees: 'Disagree',
  theme: 'Suggested theme for the synthesis',
  reading: 'Reading list (mass campaigns grouped)',
  section: 'Section',
  readSection: 'Section to read',
  campaign: 'Campaign',
  single: 'Single',
  copies: '{n} copies, {v} variants',
  flags: 'False attributions and bursts',
  noFlags: 'Nothing to review.',
  uphold: 'Uphold',
  reject: 'Reject',
  note: 'Review note',
  kindFalse: 'False attribution',
  kindBurst: 'Burst',
};

interface GroupSection {
  section: string;
  share: number;
}
interface Clustering {
  k: number;
  participants: number;
  groups: { label: string; size: number; agrees: GroupSection[]; disagrees: GroupSection[]; suggestedTheme: string }[];
}
interface Entry {
  kind: 'campaign' | 'single';
  count: number;
  text: string;
  variantCount: number;
  byStance: Record<string, number>;
  opinionIds: string[];
}
interface Flag {
  id: string;
  kind: string;
  status: string;
  section: string | null;
  source: string | null;
  opinions: number | null;
  reason: string | null;
  createdAt: string;
}

export function ScalePanels({ id, sections }: { id: string; sections: string[] }) {
  const t: (k: Key, p?: Record<string, string | number>) => string = useModuleT(vi, en).mt;
  const groups = useApi<{ clustering: Clustering | null }>(`/consultations/${id}/opinion-groups`);
  const flags = useApi<{ items: Flag[] }>(`/consultations/${id}/flags?status=pending`);
  const [section, setSection] = useState<string | null>(null);
  const reading = useApi<{ opinions: number; campaigns: number; entries: Entry[] }>(section ? `/consultations/${id}/reading-list?section=${encodeURIComponent(section)}` : null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const pct = (x: number) => `${Math.round(x * 100)}%`;

  const act = async (fn: () => Promise<unknown>, reload: () => void) => {
    setError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <Typography.Title level={2}>{t('groups')}</Typography.Title>
      <Button onClick={() => void act(() => apiFetch('POST', `/consultations/${id}/opinion-groups`, { body: { seed: 1 } }), groups.reload)}>{t('cluster')}</Button>
      {groups.error !== null && <ErrorAlert error={groups.error} onRetry={groups.reload} />}
      {groups.data && !groups.data.clustering && <p>{t('none')}</p>}
      {groups.data?.clustering?.groups.map((g) => (
        <div key={g.label} style={{ border: '1px solid #eee', padding: 8, margin: '8px 0' }}>
          <strong>{g.label}</strong> — {t('people', { n: g.size })}
          <div>
            {t('agrees')}: {g.agrees.map((s) => `${s.section} (${pct(s.share)})`).join(', ') || '—'}
          </div>
          <div>
            {t('disagrees')}: {g.disagrees.map((s) => `${s.section} (${pct(s.share)})`).join(', ') || '—'}
          </div>
          <div>
            <em>{t('theme')}:</em> {g.suggestedTheme}
          </div>
        </div>
      ))}

      <Typography.Title level={2}>{t('reading')}</Typography.Title>
      <Select aria-label={t('readSection')} style={{ minWidth: 200 }} placeholder={t('readSection')} value={section} onChange={setSection} options={sections.map((s) => ({ value: s, label: s }))} />
      {reading.error !== null && <ErrorAlert error={reading.error} onRetry={reading.reload} />}
      {reading.data && (
        <Table
          rowKey={(e) => e.opinionIds[0] ?? e.text}
          size="small"
          style={{ marginTop: 8 }}
          dataSource={reading.data.entries}
          columns={[
            { title: '', key: 'k', render: (_, e) => (e.kind === 'campaign' ? <Tag color="orange">{t('campaign')}</Tag> : <Tag>{t('single')}</Tag>) },
            { title: '', dataIndex: 'text' },
            { title: '', key: 'n', align: 'right', render: (_, e) => (e.kind === 'campaign' ? t('copies', { n: e.count, v: e.variantCount }) : '1') },
            { title: '', key: 's', render: (_, e) => Object.entries(e.byStance).map(([s, n]) => `${s}: ${n}`).join(', ') },
          ]}
        />
      )}

      <Typography.Title level={2}>{t('flags')}</Typography.Title>
      {flags.error !== null && <ErrorAlert error={flags.error} onRetry={flags.reload} />}
      {flags.data && !flags.data.items.length && <p>{t('noFlags')}</p>}
      {flags.data && flags.data.items.length > 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input aria-label={t('note')} placeholder={t('note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 480 }} />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={flags.data.items}
            columns={[
              { title: '', key: 'k', render: (_, f) => (f.kind === 'burst' ? t('kindBurst') : t('kindFalse')) },
              { title: t('section'), key: 's', render: (_, f) => f.section ?? (f.opinions ? `${f.opinions}` : '') },
              { title: '', dataIndex: 'reason' },
              { title: '', dataIndex: 'createdAt' },
              {
                title: '',
                key: 'a',
                render: (_, f) => (
                  <Space>
                    {(['upheld', 'rejected'] as const).map((d) => (
                      <Button key={d} size="small" disabled={!note.trim()} onClick={() => void act(() => apiFetch('POST', `/consultations/${id}/flags/${f.id}/review`, { body: { decision: d, note } }), flags.reload)}>
                        {d === 'upheld' ? t('uphold') : t('reject')}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
    </>
  );
}
