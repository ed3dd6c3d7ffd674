import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Select, Typography } from 'antd';
import { foldForSearch as fold } from '@danvan/domain/text';
import { useT } from '../../i18n/i18n.tsx';
import type { Grant, User } from '../auth/session.tsx';
import { inScope, loadScopeCodes, searchAgencies } from './api.ts';
import { useCurrentAgency } from './current-agency.tsx';
import type { AgencyRef } from './current-agency.tsx';

interface Option {
  value: string;
  name: string;
  detail: string;
}

/** One option per granted agency, with the user's roles there. */
function grantOptions(grants: readonly Grant[], roleLabel: (role: Grant['role']) => string): Option[] {
  const byCode = new Map<string, { name: string; roles: string[] }>();
  for (const g of grants) {
    const entry = byCode.get(g.agencyCode) ?? { name: g.agencyName, roles: [] };
    entry.roles.push(roleLabel(g.role));
    byCode.set(g.agencyCode, entry);
  }
  return [...byCode].map(([code, e]) => ({ value: code, name: e.name, detail: e.roles.join(', ') }));
}

/**
 * The header's agency selector: the user's granted agencies, and a search within their
 * subtrees (a province grant covers its communes).
 */
export function AgencySelect({ user }: { user: User }) {
  const t = useT();
  const { agency, setAgency } = useCurrentAgency();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Option[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const grants = useMemo(() => grantOptions(user.grants, (role) => t(`role.${role}`)), [user.grants, t]);
  const scope = useRef<Promise<Set<string>> | null>(null);
  const scopeCodes = useCallback(() => {
    scope.current ??= loadScopeCodes([...new Set(user.grants.map((g) => g.agencyCode))]);
    return scope.current;
  }, [user.grants]);

  useEffect(() => {
    window.clearTimeout(timer.current);
    const q = search.trim();
    if (q.length < 2) {
      setFound([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    let live = true;
    timer.current = window.setTimeout(() => {
      Promise.all([searchAgencies({ q, limit: 200 }), scopeCodes()]).then(
        ([page, codes]) => {
          if (!live) return;
          setFound(
            page.items
              .filter((a) => inScope(a, codes))
              .slice(0, 50)
              .map((a) => ({ value: a.code, name: a.fullName || a.name, detail: a.code })),
          );
          setSearching(false);
        },
        () => {
          if (!live) return;
          setFound([]);
          setSearching(false);
        },
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer.current);
    };
  }, [search, scopeCodes]);

  const options = useMemo(() => {
    const q = fold(search);
    const shownGrants = q ? grants.filter((o) => fold(o.name).includes(q) || o.value.includes(q)) : grants;
    const seen = new Set(shownGrants.map((o) => o.value));
    const merged = [...shownGrants, ...found.filter((o) => !seen.has(o.value))];
    // Keep the current agency selectable (and labelled) even when it is not a grant.
    if (agency && !merged.some((o) => o.value === agency.code) && !q) {
      merged.unshift({ value: agency.code, name: agency.name, detail: agency.code });
    }
    return merged;
  }, [grants, found, search, agency]);

  const pick = (code: string) => {
    const o = options.find((x) => x.value === code);
    if (o) setAgency({ code: o.value, name: o.name } satisfies AgencyRef);
    setSearch('');
  };

  return (
    <Select
      data-testid="agency-select"
      aria-label={t('header.agency')}
      style={{ minWidth: 260, maxWidth: 360 }}
      value={agency?.code}
      placeholder={t('header.agencySearch')}
      showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
      loading={searching}
      notFoundContent={searching ? t('app.loading') : t('header.agencyNone')}
      onChange={pick}
      optionLabelProp="label"
      popupMatchSelectWidth={false}
      options={options.map((o) => ({
        value: o.value,
        label: o.name,
        'data-testid': `agency-option-${o.value}`,
        title: o.name,
        display: (
          <div>
            <div>{o.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.detail}
            </Typography.Text>
          </div>
        ),
      }))}
      optionRender={(opt) => opt.data.display}
    />
  );
}
