import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Skeleton, Typography, message } from 'antd';
import { ApiError } from '../../http.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { getMyNotificationSettings, setMyNotificationSettings } from './api.ts';

interface Props {
  open: boolean;
  onClose: () => void;
}

/** The server's own check (it has the last word): empty, or something@domain.tld without spaces. */
function looksLikeEmail(v: string | undefined): boolean {
  const s = (v ?? '').trim();
  return s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

interface SettingsForm {
  email?: string;
}

/** «Cài đặt thông báo»: the signed-in staff member's own e-mail for reminders, escalations and chases. */
export default function NotificationSettingsModal({ open, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<SettingsForm>();
  const [messages, messageHolder] = message.useMessage();
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoaded(false);
    setError(null);
    getMyNotificationSettings().then(
      (s) => {
        if (!live) return;
        form.setFieldsValue({ email: s.email ?? '' });
        setLoaded(true);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [open, form]);

  const save = async () => {
    let values: SettingsForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows its own errors
    }
    setBusy(true);
    setError(null);
    try {
      const email = (values.email ?? '').normalize('NFC').trim();
      const saved = await setMyNotificationSettings({ email: email === '' ? null : email });
      form.setFieldsValue({ email: saved.email ?? '' });
      void messages.success(saved.email ? t('notifSettings.saved') : t('notifSettings.cleared'));
      onClose();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const issues = err.fieldErrors.filter((f) => f.field === 'email');
        if (issues.length) form.setFields([{ name: 'email', errors: issues.map((f) => f.message) }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {messageHolder}
      <Modal
        open={open}
        title={t('notifSettings.title')}
        onCancel={onClose}
        footer={[
          <Button key="cancel" onClick={onClose} data-testid="notif-settings-cancel">
            {t('notifSettings.cancel')}
          </Button>,
          <Button key="save" type="primary" loading={busy} disabled={!loaded} onClick={() => void save()} data-testid="notif-settings-save">
            {t('notifSettings.save')}
          </Button>,
        ]}
        destroyOnHidden
        data-testid="notif-settings"
      >
        {error !== null && <ErrorAlert error={error} hideFields={['email']} />}
        {!loaded && error === null && <Skeleton active paragraph={{ rows: 1 }} />}
        <Form form={form} layout="vertical" onFinish={() => void save()} style={loaded ? undefined : { display: 'none' }} preserve={false}>
          <Typography.Paragraph type="secondary">{t('notifSettings.help')}</Typography.Paragraph>
          <Form.Item
            name="email"
            label={t('notifSettings.email')}
            extra={t('notifSettings.emailHint')}
            rules={[{ validator: async (_rule, v?: string) => (looksLikeEmail(v) ? undefined : Promise.reject(new Error(t('notifSettings.emailInvalid')))) }]}
          >
            <Input inputMode="email" autoComplete="email" maxLength={254} allowClear data-testid="notif-settings-email" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
