/** Results of the header search box (issue 18): ranked, highlighted, filtered by record, kind and dates. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Card, DatePicker, Empty, Input, List, Select, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { Link, navigate } from '../../ui/router.tsx';
import { ToneTag } from '../../ui/ToneTag.tsx';
import { CASE_KINDS, STATE_COLORS, kindLabel, stateLabel } from '../cases/labels.ts';
import { searchRecords, type SearchQuery, type SearchResult } from './api.ts';
import { Highlighted } from './Highlighted.tsx';
import { RECORD_TYPES, statusKey, useST, type RecordType } from './i18n.ts';

/** A hit's own page: the case of a case, visit or petition; the dialogue, commitment or consultation itself. */
function hitPath(h: SearchResult['hits'][number]): string | null {
  if (h.recordType === 'dialogue') return `/dialogues/${h.id}`;
  if (h.recordType === 'commitment') return `/commitments/${h.id}`;
  if (h.recordType === 'consultation') return `/consultations/${h.id}`;
  return h.caseId ? `/cases/${h.caseId}` : null;
}
const isCaseRecord = (recordType: string) => recordType === 'case' || recordType === 'visit' || recordType === 'petition';

function hashQuery(): string {
  const h = window.location.hash;
  const i = h.indexOf('?');
  return i >= 0 ? h.slice(i + 1) : '';
}
function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export default function SearchPage() {
  const t = useT();
  const { st } = useST();
  const qs = new URLSearchParams(useSyncExternalStore(subscribe, hashQuery, () => ''));
  const q = qs.get('q') ?? '';
  const [recordType, setRecordType] = useState<SearchQuery['recordType']>();
  const [kind, setKind] = useState<SearchQuery['kind']>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');

  useEffect(() => {
    if (!q.trim()) return;
    let live = true;
    setBusy(true);
    searchRecords({ q, recordType, kind, from, to, limit: 50 }).then(
      (r) => live && (setResult(r), setError(null), setBusy(false)),
      (e: unknown) => live && (setError(e), setBusy(false)),
    );
    return () => {
      live = false;
    };
  }, [q, recordType, kind, from, to]);

  return (
    <section>
      <Typography.Title level={1}>{st('sr.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search defaultValue={q} key={q} style={{ width: 360 }} aria-label={st('sr.title')} data-testid="search-page-box" onSearch={(v) => v.trim() && navigate(`/search?q=${encodeURIComponent(v.trim())}`)} />
        <Select
          aria-label={st('sr.type')}
          allowClear
          placeholder={st('sr.type')}
          style={{ width: 180 }}
          value={recordType}
          onChange={(v) => setRecordType(v)}
          options={RECORD_TYPES.map((v) => ({ value: v, label: st(`sr.type.${v}`) }))}
        />
        <Select aria-label={st('sr.kind')} allowClear placeholder={st('sr.kind')} style={{ width: 180 }} value={kind} onChange={(v) => setKind(v)} options={CASE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
        <DatePicker.RangePicker aria-label={`${st('sr.from')} – ${st('sr.to')}`} format="DD/MM/YYYY" value={range} onChange={(v) => setRange(v)} />
      </Space>
      <Typography.Paragraph type="secondary">{st('sr.hint')}</Typography.Paragraph>
      {error !== null && <ErrorAlert error={error} />}
      {busy && <Spin />}
      {result && !busy && (
        <Card title={result.capped ? st('sr.capped', { n: result.total }) : st('sr.total', { n: result.total })} data-testid="search-results">
          {result.hits.length === 0 ? (
            <Empty description={st('sr.none')} />
          ) : (
            <List
              dataSource={result.hits}
              renderItem={(h) => {
                const type = st(`sr.type.${h.recordType as RecordType}`);
                const to = hitPath(h);
                const label = h.caseCode ?? h.code ?? type;
                const own = h.state && !isCaseRecord(h.recordType) ? statusKey(h.recordType, h.state) : null;
                return (
                  <List.Item data-testid="search-hit" data-case-code={h.caseCode ?? ''} data-code={h.code ?? ''} data-record-type={h.recordType}>
                    <List.Item.Meta
                      title={
                        <Space wrap size={4}>
                          {to ? <Link to={to}>{label}</Link> : <span>{label}</span>}
                          <ToneTag tone="default">{type}</ToneTag>
                          {isCaseRecord(h.recordType) && <ToneTag tone="blue">{kindLabel(t, h.kind)}</ToneTag>}
                          {h.state && isCaseRecord(h.recordType) && <ToneTag tone={STATE_COLORS[h.state] ?? 'default'}>{stateLabel(t, h.state)}</ToneTag>}
                          {own && <ToneTag tone="default">{st(own)}</ToneTag>}
                        </Space>
                      }
                      description={`${h.agencyName} · ${formatDate(h.on)}${h.names ? ` · ${h.names}` : ''}`}
                    />
                    <div style={{ maxWidth: 640 }}>
                      <Highlighted text={h.snippet} spans={h.highlights} />
                    </div>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      )}
    </section>
  );
}
