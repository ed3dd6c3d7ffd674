import { Tabs } from 'antd';
import { Link } from '../../ui/router.tsx';
import { useMyRoles, hasAny } from '../cases/roles.ts';
import { useRT } from './i18n.ts';
import { DIALOGUE_NAV } from '../dialogues/i18n.ts';
import type { ReceptionKey } from './i18n.ts';

/** Roles that work the desk (open sessions, record visits); everyone in scope may read the register and compliance. */
export const DESK_ROLES = ['receptionist', 'handler', 'head'] as const;

export function useWorksDesk(): boolean {
  return hasAny(useMyRoles(), DESK_ROLES);
}

interface Tab {
  path: ReceptionTab;
  label: ReceptionKey;
  testId: string;
}

const TABS: Tab[] = [
  { path: '/reception', label: 'rc.tab.desk', testId: 'rc-tab-desk' },
  { path: '/visits/new', label: 'rc.tab.record', testId: 'rc-tab-record' },
  { path: '/reception/register', label: 'rc.tab.register', testId: 'rc-tab-register' },
  { path: '/reception/compliance', label: 'rc.tab.compliance', testId: 'rc-tab-compliance' },
];

export type ReceptionTab = '/reception' | '/visits/new' | '/reception/register' | '/reception/compliance';

/**
 * The reception section's own navigation, under the app's «Tiếp công dân» entry: today's desk, recording a visit
 * outside a session (any past date), the register, the heads' compliance.
 */
export function ReceptionNav({ current }: { current: ReceptionTab }) {
  const { rt, lang } = useRT();
  const desk = useWorksDesk();
  const dialogues = hasAny(useMyRoles(), ['handler', 'head', 'investigator', 'monitor']);
  const tabs = TABS.filter((tab) => desk || (tab.path !== '/reception' && tab.path !== '/visits/new') || tab.path === current);
  return (
    <nav aria-label={rt('rc.tabs')}>
      <Tabs
        activeKey={current}
        style={{ marginBottom: 8 }}
        items={[
          ...tabs.map((tab) => ({
          key: tab.path,
          label: (
            <Link to={tab.path} data-testid={tab.testId} aria-current={tab.path === current ? 'page' : undefined} style={{ color: 'inherit' }}>
              {rt(tab.label)}
            </Link>
          ),
          })),
          ...(dialogues ? [{ key: '/dialogues', label: <Link to="/dialogues" data-testid="rc-tab-dialogues" style={{ color: 'inherit' }}>{DIALOGUE_NAV[lang]}</Link> }] : []),
        ]}
      />
    </nav>
  );
}
