import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { useSession } from '../modules/auth/session.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { login, expired } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Text strong style={{ color: '#b71c1c', fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.intro')}</Typography.Paragraph>
        {expired && !error && (
          <Alert type="warning" showIcon title={t('error.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} testId="login-error" />
          </div>
        )}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
