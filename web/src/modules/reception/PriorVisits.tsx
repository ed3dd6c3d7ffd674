import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, List, Space, Spin, Tag, Typography } from 'antd';
import { isValidIdNumber, normalizeIdNumber } from '@danvan/domain/reception/visits';
import type { IdType } from '@danvan/domain/reception/visits';
import { kindLabel } from '../cases/labels.ts';
import type { CaseKind } from '../cases/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { href } from '../../ui/router.tsx';
import { visitsByIdNumber } from './api.ts';
import type { Visit } from './api.ts';
import { codeLabel, useRT } from './i18n.ts';

const LOOKUP_DELAY_MS = 400;

export interface LinkedCase {
  id: string;
  code: string;
  kind: CaseKind;
}

interface CaseGroup {
  caseId: string;
  caseCode: string;
  kind: CaseKind;
  visits: Visit[];
}

function group(visits: Visit[]): { cases: CaseGroup[]; unlinked: number } {
  const byCase = new Map<string, CaseGroup>();
  let unlinked = 0;
  for (const v of visits) {
    if (!v.caseId || !v.caseCode) {
      unlinked++;
      continue;
    }
    // listVisits types `kind` as a plain string; the server only writes the three case kinds.
    const g: CaseGroup = byCase.get(v.caseId) ?? { caseId: v.caseId, caseCode: v.caseCode, kind: v.kind as CaseKind, visits: [] };
    g.visits.push(v);
    byCase.set(v.caseId, g);
  }
  return { cases: [...byCase.values()], unlinked };
}

/**
 * The earlier visits of the person whose document number is being typed, grouped by case, with a button to link
 * this visit to one of those cases (a repeat visit: the register counts 1 case, several visits).
 */
export function PriorVisits({
  idType,
  idNumber,
  linked,
  onLink,
}: {
  idType: IdType;
  idNumber: string | undefined;
  linked: LinkedCase | null;
  onLink: (c: LinkedCase | null) => void;
}) {
  const { rt } = useRT();
  const number = normalizeIdNumber(idNumber ?? '');
  const key = number && isValidIdNumber(idType, number) ? number : '';
  const [state, setState] = useState<{ key: string; visits: Visit[] | null; error: unknown }>({ key: '', visits: null, error: null });

  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = window.setTimeout(() => {
      visitsByIdNumber(key).then(
        (page) => live && setState({ key, visits: page.items, error: null }),
        (error: unknown) => live && setState({ key, visits: null, error }),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key]);

  const current = state.key === key ? state : null;
  const grouped = useMemo(() => (current?.visits ? group(current.visits) : null), [current?.visits]);

  if (!key) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<h3 style={{ fontSize: 14, margin: 0 }}>{rt('rc.lookup.title')}</h3>} data-testid="visit-lookup">
      {linked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="visit-linked"
          title={rt('rc.lookup.linked', { code: linked.code })}
          action={
            <Button size="small" onClick={() => onLink(null)} data-testid="visit-unlink">
              {rt('rc.lookup.unlink')}
            </Button>
          }
        />
      )}
      {!current && (
        <Space>
          <Spin size="small" />
          <Typography.Text type="secondary">{rt('rc.lookup.searching')}</Typography.Text>
        </Space>
      )}
      {current?.error != null && <ErrorAlert error={current.error} />}
      {grouped && grouped.cases.length === 0 && (
        <Typography.Text type="secondary" data-testid="visit-lookup-none">
          {rt('rc.lookup.none')}
          {grouped.unlinked > 0 ? ` ${rt('rc.lookup.noCase', { count: grouped.unlinked })}` : ''}
        </Typography.Text>
      )}
      {grouped && grouped.cases.length > 0 && (
        <List
          size="small"
          dataSource={grouped.cases}
          rowKey={(g) => g.caseId}
          renderItem={(g) => {
            const last = g.visits[0];
            const isLinked = linked?.id === g.caseId;
            return (
              <List.Item
                data-testid="visit-lookup-case"
                data-case-code={g.caseCode}
                actions={[
                  <Button
                    key="link"
                    size="small"
                    type={isLinked ? 'default' : 'primary'}
                    ghost={!isLinked}
                    disabled={isLinked}
                    onClick={() => onLink({ id: g.caseId, code: g.caseCode, kind: g.kind })}
                    data-testid="visit-link-case"
                  >
                    {rt('rc.lookup.link')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <a href={href(`/cases/${g.caseId}`)} target="_blank" rel="noopener noreferrer">
                        {g.caseCode}
                      </a>
                      <Tag>{kindLabel(rt, g.kind)}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div>{rt('rc.lookup.visits', { count: g.visits.length, date: formatDate(last?.visitedOn) })}</div>
                      {last && (
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                          {codeLabel(rt, 'rc.outcome', last.outcome, last.outcomeLabel)} — {last.content}
                        </Typography.Paragraph>
                      )}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
