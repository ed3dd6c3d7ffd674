import { Result } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';

export default function NotFoundPage({ home }: { home: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('notFound.title')}</h1>}
      extra={<Link to={home}>{t('notFound.home')}</Link>}
    />
  );
}
