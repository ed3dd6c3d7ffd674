import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, Space } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { revealDenouncer } from './api.ts';
import type { Denouncer } from './api.ts';

const MIN_REASON = 10;

/**
 * The head's "reveal the denouncer" (Luật Tố cáo Art. 47): asks for a reason, shows the identity in a
 * modal, and forgets it when the modal closes. Every reveal is audited on the server.
 */
export function DenouncerReveal({ caseId, onRevealed }: { caseId: string; onRevealed: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [denouncers, setDenouncers] = useState<Denouncer[] | null>(null);

  const close = () => {
    setOpen(false);
    setReason('');
    setTooShort(false);
    setError(null);
    setDenouncers(null);
  };

  const submit = async () => {
    if (reason.trim().length < MIN_REASON) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setBusy(true);
    setError(null);
    try {
      const res = await revealDenouncer(caseId, reason.trim());
      setDenouncers(res.denouncers);
      onRevealed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const empty = t('common.empty');
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="reveal-denouncer">
        {t('case.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('case.reveal')}
        onCancel={close}
        destroyOnHidden
        data-testid="reveal-modal"
        footer={
          denouncers ? (
            <Button onClick={close} data-testid="reveal-close">
              {t('case.revealClose')}
            </Button>
          ) : (
            <Space>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" danger loading={busy} onClick={() => void submit()} data-testid="reveal-submit">
                {t('case.revealSubmit')}
              </Button>
            </Space>
          )
        }
      >
        {error !== null && <ErrorAlert error={error} hideFields={['reason']} testId="reveal-error" />}
        {denouncers ? (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="reveal-result">
            <Alert type="warning" showIcon title={t('case.revealAudited')} />
            {denouncers.map((d, i) => (
              <Descriptions
                key={i}
                size="small"
                bordered
                column={1}
                title={denouncers.length > 1 ? t('case.denouncer', { n: i + 1 }) : undefined}
                items={[
                  { key: 'name', label: t('case.petitionerName'), children: <span data-testid="reveal-name">{d.name}</span> },
                  { key: 'id', label: t('case.petitionerIdNumber'), children: d.idNumber ?? empty },
                  { key: 'address', label: t('case.petitionerAddress'), children: d.address ?? empty },
                  { key: 'phone', label: t('case.petitionerPhone'), children: d.phone ?? empty },
                ]}
              />
            ))}
          </Space>
        ) : (
          <Form layout="vertical" component="div">
            <Form.Item
              label={t('case.revealReason')}
              htmlFor="reveal-reason"
              extra={t('case.revealReasonHelp')}
              validateStatus={tooShort ? 'error' : undefined}
              help={tooShort ? t('case.revealReasonShort') : undefined}
            >
              <Input.TextArea id="reveal-reason" data-testid="reveal-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
