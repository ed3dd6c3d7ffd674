/** The search box of the header (issue 18): Enter opens the results page. */
import { Input } from 'antd';
import { navigate } from '../../ui/router.tsx';
import { useST } from './i18n.ts';

export function HeaderSearch() {
  const { st } = useST();
  return (
    <Input.Search
      allowClear
      placeholder={st('sr.box')}
      aria-label={st('sr.title')}
      data-testid="header-search"
      style={{ width: 280, verticalAlign: 'middle' }}
      onSearch={(v) => {
        const q = v.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
    />
  );
}
