import { Card, Typography } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { DeadlineCalculator } from '../modules/calendar/DeadlineCalculator.tsx';

export default function DeadlinePage() {
  const t = useT();
  return (
    <section>
      <Typography.Title level={1}>{t('deadline.title')}</Typography.Title>
      <Card style={{ maxWidth: 860 }}>
        <DeadlineCalculator />
      </Card>
    </section>
  );
}
