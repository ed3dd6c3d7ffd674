import { Alert, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, apiFetch } from '../../http.ts';
import { useModuleT, type Lang } from '../../i18n/i18n.tsx';
import { formatDate } from '../../ui/format.ts';
import { casePath, type CaseDuty } from './api.ts';
import { DueExplanation, DueLight } from './DueLight.tsx';

/** Labels of the duties panel (issue 12, ADR 0024), Vietnamese first; kept beside the component like legal-i18n.ts. */
const vi = {
  intro: 'Các nghĩa vụ có thời hạn riêng, chạy song song với hạn chính của hồ sơ.',
  due: 'Hạn',
  untimed: 'Không tính hạn',
  done: 'Đã thực hiện ngày {date}',
  onTime: 'đúng hạn',
  late: 'quá hạn',
  documentNo: 'Số văn bản đã gửi',
  markDone: 'Ghi nhận đã thực hiện',
  unverified: 'Thời hạn mặc định, chưa đối chiếu văn bản gốc (quản trị có thể sửa)',
};
type Key = keyof typeof vi;
const en: Record<Key, string> = {
  intro: 'Duties with their own deadline, running beside the case deadline.',
  due: 'Due',
  untimed: 'No deadline',
  done: 'Done on {date}',
  onTime: 'on time',
  late: 'late',
  documentNo: 'Number of the document sent',
  markDone: 'Record as done',
  unverified: 'Default period, not yet checked against the legal text (an administrator may correct it)',
};

interface Props {
  caseId: string;
  duties: CaseDuty[];
  /** Handlers and heads; the desk also for a repeat-visit notice. */
  canAct: (duty: CaseDuty) => boolean;
  onChanged: () => void;
}

function DutyItem({ caseId, duty, canAct, onChanged }: { caseId: string; duty: CaseDuty; canAct: boolean; onChanged: () => void }) {
  const label: (key: Key, params?: Record<string, string>) => string = useModuleT(vi, en).mt;
  const [documentNo, setDocumentNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch('POST', `${casePath(caseId)}/duties/${encodeURIComponent(duty.id)}/done`, { body: documentNo.trim() ? { documentNo: documentNo.trim() } : {} });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid={`case-duty-${duty.code}`} style={{ marginBottom: 12 }}>
      <Typography.Text strong>{duty.label}</Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {duty.citation}
        </Typography.Text>
      </div>
      <Space wrap size="small" style={{ marginTop: 4 }}>
        {duty.doneOn ? (
          <Tag color={duty.onTime === false ? 'red' : 'green'} data-testid="case-duty-done">
            {label('done', { date: formatDate(duty.doneOn) })}
            {duty.onTime === null ? '' : ` (${label(duty.onTime ? 'onTime' : 'late')})`}
            {duty.documentNo ? ` — ${duty.documentNo}` : ''}
          </Tag>
        ) : (
          <>
            <span>
              {label('due')}: <strong data-testid="case-duty-due">{duty.dueOn ? formatDate(duty.dueOn) : label('untimed')}</strong>
            </span>
            <DueLight light={duty.dueLight} dueOn={duty.dueOn} explanation={duty.dueExplanation} testId="case-duty-light" />
          </>
        )}
      </Space>
      {!duty.verified && <Alert type="warning" showIcon style={{ marginTop: 4 }} title={label('unverified')} data-testid="case-duty-unverified" />}
      <DueExplanation explanation={duty.dueExplanation} testId="case-duty-explanation" />
      {!duty.doneOn && canAct && (
        <Form layout="inline" style={{ marginTop: 6 }} onFinish={() => void submit()}>
          <Form.Item label={label('documentNo')} htmlFor={`duty-document-${duty.id}`}>
            <Input id={`duty-document-${duty.id}`} value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} maxLength={100} style={{ width: 160 }} data-testid="case-duty-document" />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="case-duty-submit">
            {label('markDone')}
          </Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 4 }} title={error} />}
    </li>
  );
}

/** The duties beside the running deadline (notify the acceptance of a denunciation, send a suspension…). */
export function CaseDuties({ caseId, duties, canAct, onChanged }: Props) {
  const label: (key: Key, params?: Record<string, string>) => string = useModuleT(vi, en).mt;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {label('intro')}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 18, margin: 0 }}>
        {duties.map((d) => (
          <DutyItem key={d.id} caseId={caseId} duty={d} canAct={canAct(d)} onChanged={onChanged} />
        ))}
      </ul>
    </div>
  );
}

export const DUTIES_TITLE: Record<Lang, string> = { vi: 'Nghĩa vụ có hạn riêng', en: 'Duties with their own deadline' };
