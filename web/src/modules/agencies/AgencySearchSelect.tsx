import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { searchAgencies } from './api.ts';

interface Props {
  id?: string;
  value?: string;
  onChange: (code: string) => void;
  placeholder?: string;
  testId?: string;
  /** Only the direct lower levels of this agency (e.g. the communes a province may chase), listed before any typing. */
  parent?: string;
}

/**
 * Any agency of the tree, found by a diacritic-insensitive search (e.g. the target of a forward); with `parent`,
 * only that agency's direct lower levels, listed at once and narrowed by the search.
 */
export function AgencySearchSelect({ id, value, onChange, placeholder, testId, parent }: Props) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2 && !parent) return;
    let live = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      searchAgencies(parent ? { ...(query ? { q: query } : {}), parent, limit: 500 } : { q: query, limit: 30 }).then(
        (page) => {
          if (!live) return;
          setOptions(page.items.map((a) => ({ value: a.code, label: a.fullName || a.name })));
          setLoading(false);
        },
        () => live && setLoading(false),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q, parent]);

  return (
    <Select
      id={id}
      data-testid={testId}
      style={{ minWidth: 260 }}
      value={value}
      placeholder={placeholder}
      showSearch={{ filterOption: false, searchValue: q, onSearch: setQ }}
      loading={loading}
      onChange={(code: string) => {
        onChange(code);
        setQ('');
      }}
      options={options}
    />
  );
}
