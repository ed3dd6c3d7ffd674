import { Alert, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Body, Ok } from '../../api/types.ts';
import { apiFetch } from '../../http.ts';
import { useModuleT } from '../../i18n/i18n.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatDate } from '../../ui/format.ts';

/** The server's answer to checkComplaintLimitation (Luật Khiếu nại Art. 9); ADR 0012. */
export type LimitationResult = Ok<'checkComplaintLimitation'>;

export function checkComplaintLimitation(body: Body<'checkComplaintLimitation'>): Promise<LimitationResult> {
  return apiFetch<LimitationResult>('POST', '/intake/limitation', { body });
}

const vi = {
  learnedOn: 'Ngày nhận được hoặc biết được quyết định, hành vi bị khiếu nại',
  learnedOnHelp: 'Để kiểm tra thời hiệu khiếu nại 90 ngày (Điều 9 Luật Khiếu nại 2011); không bắt buộc, chỉ cảnh báo.',
  excusedDays: 'Số ngày ốm đau, thiên tai, đi xa… không tính',
  within: 'Còn trong thời hiệu khiếu nại: ngày cuối {date}.',
};
type Key = keyof typeof vi;
const en: Record<Key, string> = {
  learnedOn: 'Day the complainant received or learned of the contested decision or act',
  learnedOnHelp: 'To check the 90-day complaint limitation (Law on Complaints Art. 9); optional, a warning only.',
  excusedDays: 'Days of illness, disaster, travel… not counted',
  within: 'Within the limitation period: last day {date}.',
};

/**
 * At intake of a complaint: the day the complainant learned of the contested decision gives the 90-day limitation;
 * past it, a warning with the guidance ground (archive «Hết thời hiệu khiếu nại» or guide the citizen). The
 * acceptance step checks the same rule again and refuses (cases/limitation.ts).
 */
export function ComplaintLimitation({ receivedOn }: { receivedOn: string | null }) {
  const { mt: label } = useModuleT(vi, en);
  const [learnedOn, setLearnedOn] = useState<Dayjs | null>(null);
  const [excusedDays, setExcusedDays] = useState<number | null>(null);
  const [result, setResult] = useState<LimitationResult | null>(null);
  const learned = learnedOn ? learnedOn.format(DATE_WIRE_FORMAT) : null;

  useEffect(() => {
    if (!receivedOn || !learned || learned > receivedOn) {
      setResult(null);
      return;
    }
    let live = true;
    checkComplaintLimitation({ receivedOn, learnedOn: learned, ...(excusedDays ? { excusedDays } : {}) }).then(
      (r) => live && setResult(r),
      () => live && setResult(null),
    );
    return () => {
      live = false;
    };
  }, [receivedOn, learned, excusedDays]);

  return (
    <div data-testid="complaint-limitation">
      <Space wrap align="start">
        <Form.Item label={label('learnedOn')} extra={label('learnedOnHelp')} htmlFor="complaint-learned-on">
          <DatePicker
            id="complaint-learned-on"
            format={DATE_INPUT_FORMAT}
            value={learnedOn}
            onChange={(d) => setLearnedOn(d)}
            disabledDate={(d) => (receivedOn ? d.isAfter(dayjs(receivedOn), 'day') : false)}
            data-testid="complaint-learned-on"
          />
        </Form.Item>
        <Form.Item label={label('excusedDays')} htmlFor="complaint-excused-days">
          <InputNumber id="complaint-excused-days" min={0} max={3650} value={excusedDays} onChange={(v) => setExcusedDays(typeof v === 'number' ? v : null)} />
        </Form.Item>
      </Space>
      {result?.expired && result.message && <Alert type="warning" showIcon title={result.message} data-testid="complaint-limitation-expired" style={{ marginBottom: 16 }} />}
      {result && !result.expired && result.lastDay && (
        <Typography.Paragraph type="secondary" data-testid="complaint-limitation-within">
          {label('within', { date: formatDate(result.lastDay) })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
