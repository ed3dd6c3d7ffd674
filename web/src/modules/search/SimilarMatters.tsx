/**
 * Same-matter candidates (issue 18): at intake for a draft letter (`query` with agency and content), or on a case
 * (`caseId`). Each with its score and reasons in words; a candidate the user may not read says only where and
 * when it was received. Actions: attach the new petition to a case (intake) or link a duplicate (case page).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Empty, List, Space, Typography } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { Link } from '../../ui/router.tsx';
import { ToneTag } from '../../ui/ToneTag.tsx';
import { STATE_COLORS, kindLabel, stateLabel } from '../cases/labels.ts';
import { findSimilarMatters, linkDuplicate, unlinkDuplicate, type LinkResult, type SimilarCandidate, type SimilarQuery } from './api.ts';
import { useST } from './i18n.ts';

interface Props {
  query: SimilarQuery | null;
  /** Intake: attach the new petition to this case. */
  onAttach?: (c: SimilarCandidate) => void;
  attachedTo?: string | null;
  /** The words of the attached notice (a visit joins the case; a petition is attached as a duplicate). */
  attachedMessage?: string;
  /** Open a candidate in a new tab (a form being filled in stays as it is). */
  newTab?: boolean;
  /** Case page: link duplicates of this case. */
  linkFrom?: string;
}

export function SimilarMatters({ query, onAttach, attachedTo, attachedMessage, newTab, linkFrom }: Props) {
  const t = useT();
  const { st, reasons } = useST();
  const [list, setList] = useState<SimilarCandidate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<LinkResult | null>(null);
  const [tick, setTick] = useState(0);
  const key = query ? JSON.stringify(query) : '';
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!key) {
      setList(null);
      return;
    }
    const timer = window.setTimeout(() => {
      findSimilarMatters(JSON.parse(key) as SimilarQuery).then(
        (r) => latest.current === key && (setList(r.candidates), setError(null)),
        (e: unknown) => latest.current === key && setError(e),
      );
    }, 400);
    return () => window.clearTimeout(timer);
  }, [key, tick]);

  const link = async (c: SimilarCandidate, handlingCaseId: string) => {
    if (!linkFrom) return;
    setError(null);
    try {
      setDone(await linkDuplicate({ caseId: linkFrom, matterCaseId: c.caseId, handlingCaseId }));
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };
  const unlink = async (c: SimilarCandidate) => {
    setError(null);
    try {
      // The closed copy is whichever of the two was linked as the duplicate; try ours first.
      await unlinkDuplicate(linkFrom!).catch(() => unlinkDuplicate(c.caseId));
      setDone(null);
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div data-testid="similar-matters">
      <Typography.Title level={3} style={{ fontSize: 14 }}>
        {st('sm.title')}
      </Typography.Title>
      {error !== null && <ErrorAlert error={error} />}
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="similar-linked"
          style={{ marginBottom: 8 }}
          title={st('sm.done', { closed: done.closedCode, handling: `${done.handlingCode} (${done.handlingAgencyName})` })}
          description={done.notice ? `${st('sm.notice')}: ${done.notice}` : undefined}
        />
      )}
      {attachedTo && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={attachedMessage ?? st('sm.attached', { code: attachedTo })} data-testid="similar-attached" />}
      {list && list.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={st('sm.none')} data-testid="similar-none" />}
      {list && list.length > 0 && (
        <List
          size="small"
          dataSource={list}
          renderItem={(c) => (
            <List.Item
              data-testid="similar-candidate"
              data-case-code={c.code}
              actions={[
                ...(onAttach && c.readable ? [<Button key="attach" size="small" onClick={() => onAttach(c)} data-testid="similar-attach">{st('sm.attach')}</Button>] : []),
                ...(linkFrom && !c.linked
                  ? [
                      <Button key="here" size="small" onClick={() => void link(c, linkFrom)} data-testid="similar-link-here">{st('sm.handleHere')}</Button>,
                      <Button key="there" size="small" onClick={() => void link(c, c.caseId)} data-testid="similar-link-there">{st('sm.handleThere')}</Button>,
                    ]
                  : []),
                ...(linkFrom && c.linked ? [<Button key="unlink" size="small" onClick={() => void unlink(c)} data-testid="similar-unlink">{st('sm.unlink')}</Button>] : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {c.readable ? (
                      <Link to={`/cases/${c.caseId}`} data-testid="similar-open" {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}>
                        {c.code}
                      </Link>
                    ) : (
                      <span>{c.code}</span>
                    )}
                    {c.state && <ToneTag tone={STATE_COLORS[c.state] ?? 'default'}>{stateLabel(t, c.state)}</ToneTag>}
                    {c.linked && <ToneTag tone="purple">{st('sm.linked')}</ToneTag>}
                    <ToneTag tone="gold" data-testid="similar-reasons">{reasons(c.reasons, c.reasonText)}</ToneTag>
                    <Typography.Text type="secondary">{st('sm.score', { score: c.score.toFixed(2) })}</Typography.Text>
                  </Space>
                }
                description={
                  c.readable
                    ? `${kindLabel(t, c.kind)} · ${c.agencyName} · ${formatDate(c.receivedOn)}${c.content ? ` — ${c.content.slice(0, 160)}${c.content.length > 160 ? '…' : ''}` : ''}`
                    : st('sm.restricted', { agency: c.agencyName, date: formatDate(c.receivedOn), code: c.code })
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
