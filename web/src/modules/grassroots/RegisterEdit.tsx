/**
 * Keeping the register between imports (a commune officer): a household's members, or taking it off / back onto the
 * register (a household that moved away is not on the next roll; rolls already taken do not change).
 */
import { useState } from 'react';
import { Alert, Button, Input, InputNumber, Select, Space } from 'antd';
import { apiFetch } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useGT } from './i18n.ts';

export interface HouseholdEdit {
  members: number | null;
  status: 'keep' | 'active' | 'inactive';
}

/** The PATCH body: only what changes; null when nothing does. */
export function householdPatch(v: HouseholdEdit): { members?: number; active?: boolean } | null {
  const body = { ...(v.members ? { members: v.members } : {}), ...(v.status === 'keep' ? {} : { active: v.status === 'active' }) };
  return Object.keys(body).length ? body : null;
}

export function RegisterEdit({ communities, onDone }: { communities: { id: string; name: string }[]; onDone: () => void }) {
  const { gt } = useGT();
  const [community, setCommunity] = useState<string | undefined>();
  const [household, setHousehold] = useState('');
  const [v, setV] = useState<HouseholdEdit>({ members: null, status: 'keep' });
  const [err, setErr] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async () => {
    const body = householdPatch(v);
    if (!community || !household.trim() || !body) return;
    setErr(null);
    setDone(null);
    try {
      const r = await apiFetch<{ code: string; members: number; active: boolean }>('PATCH', `/grassroots/communities/${community}/households/${encodeURIComponent(household.trim())}`, { body });
      setDone(gt('gr.edit.done', { code: r.code, members: r.members, state: r.active ? gt('gr.edit.active') : gt('gr.edit.inactive') }));
      onDone();
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ width: 200 }} placeholder={gt('gr.community')} value={community} onChange={setCommunity} options={communities.map((c) => ({ value: c.id, label: c.name }))} />
        <Input style={{ width: 120 }} placeholder={gt('gr.household')} value={household} onChange={(e) => setHousehold(e.target.value)} />
        <InputNumber min={1} max={100} placeholder={gt('gr.edit.members')} value={v.members} onChange={(n) => setV({ ...v, members: n })} />
        <Select
          style={{ width: 200 }}
          value={v.status}
          onChange={(status) => setV({ ...v, status })}
          options={[
            { value: 'keep', label: gt('gr.edit.keep') },
            { value: 'active', label: gt('gr.edit.active') },
            { value: 'inactive', label: gt('gr.edit.inactive') },
          ]}
        />
        <Button onClick={() => void save()} disabled={!community || !household.trim() || !householdPatch(v)}>
          {gt('gr.save')}
        </Button>
      </Space>
      {done && <Alert type="success" showIcon message={done} />}
      <ErrorAlert error={err} />
    </Space>
  );
}
