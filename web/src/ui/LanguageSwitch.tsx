import { Select } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Select<Lang>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      value={lang}
      onChange={setLang}
      style={{ width: 130 }}
      options={[
        { value: 'vi', label: t('lang.vi') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
