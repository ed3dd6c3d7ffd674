import { Suspense, lazy, useEffect, useState } from 'react';
import { Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { useI18n } from './i18n/i18n.tsx';
import { AgencySelect } from './modules/agencies/AgencySelect.tsx';
import { CurrentAgencyProvider, useCurrentAgency } from './modules/agencies/current-agency.tsx';
import { useSession } from './modules/auth/session.tsx';
import type { User } from './modules/auth/session.tsx';
import { ErrorAlert } from './ui/ErrorAlert.tsx';
import { LanguageSwitch } from './ui/LanguageSwitch.tsx';
import { NotificationBell } from './modules/notifications/NotificationBell.tsx';
import { Link, matchPath, navigate, usePath } from './ui/router.tsx';
import { useCT } from './modules/consultation/i18n.ts';
import { useFD } from './modules/federation/i18n.ts';
import { HeaderSearch } from './modules/search/HeaderSearch.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const RecordVisitPage = lazy(() => import('./pages/RecordVisitPage.tsx'));
const CaseListPage = lazy(() => import('./pages/CaseListPage.tsx'));
const CasePage = lazy(() => import('./pages/CasePage.tsx'));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const NotificationSettingsModal = lazy(() => import('./modules/notifications/NotificationSettingsModal.tsx'));
const NewPetitionPage = lazy(() => import('./pages/NewPetitionPage.tsx'));
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx'));
const DeadlinePage = lazy(() => import('./pages/DeadlinePage.tsx'));
const ReceptionDeskPage = lazy(() => import('./pages/ReceptionDeskPage.tsx'));
const ReceptionVisitPage = lazy(() => import('./pages/ReceptionVisitPage.tsx'));
const ReceptionRegisterPage = lazy(() => import('./pages/ReceptionRegisterPage.tsx'));
const ReceptionCompliancePage = lazy(() => import('./pages/ReceptionCompliancePage.tsx'));
const DialoguesPage = lazy(() => import('./modules/dialogues/DialoguesPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const ModelsPage = lazy(() => import('./modules/good-models/ModelsPage.tsx'));
const ModelPage = lazy(() => import('./modules/good-models/ModelPage.tsx'));
const GrassrootsPage = lazy(() => import('./pages/GrassrootsPage.tsx'));
const GrassrootsMatterPage = lazy(() => import('./pages/GrassrootsMatterPage.tsx'));
const GrassrootsDutiesPage = lazy(() => import('./pages/GrassrootsDutiesPage.tsx'));
const ConsultationsPage = lazy(() => import('./pages/ConsultationsPage.tsx'));
const FederationPage = lazy(() => import('./modules/federation/FederationPage.tsx'));
const NationalSyncPage = lazy(() => import('./modules/federation/NationalSyncPage.tsx'));
const SearchPage = lazy(() => import('./modules/search/SearchPage.tsx'));

const theme = {
  token: {
    colorPrimary: '#0b57a4',
    borderRadius: 6,
    fontSizeHeading1: 28,
    // antd's default secondary/tertiary/placeholder greys, link blue and error red fall below WCAG AA (4.5:1) on white.
    colorLink: '#0b57a4',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#cf1322',
  },
};

function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin aria-label={t('app.loading')} />
    </div>
  );
}

/** Where "/" leads: the page this user's roles use most. */
function homePath(user: User): string {
  const roles = new Set(user.grants.map((g) => g.role));
  if (roles.has('receptionist')) return '/reception';
  if (roles.size > 0 && [...roles].every((r) => r === 'monitor')) return '/report';
  return '/cases';
}

function Routes({ user }: { user: User }) {
  const { t } = useI18n();
  const path = usePath();
  const { agency } = useCurrentAgency();
  const home = homePath(user);

  useEffect(() => {
    if (path === '/' || path === '/login') navigate(home, { replace: true });
  }, [path, home]);

  if (!agency) {
    return (
      <Result status="403" title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('noAgency.title')}</h1>} subTitle={t('noAgency.body')} />
    );
  }
  if (path === '/' || path === '/login') return <Loading />;
  if (path === '/visits/new') return <RecordVisitPage />;
  if (path === '/cases') return <CaseListPage />;
  const caseMatch = matchPath('/cases/:id', path);
  if (caseMatch?.id) return <CasePage key={caseMatch.id} id={caseMatch.id} />;
  if (path === '/report') return <ReportPage />;
  if (path === '/petitions/new') return <NewPetitionPage />;
  if (path === '/admin/calendar') return <CalendarPage />;
  if (path === '/deadline') return <DeadlinePage />;
  if (path === '/reception') return <ReceptionDeskPage />;
  const receptionVisit = matchPath('/reception/sessions/:id/visit', path);
  if (receptionVisit?.id) return <ReceptionVisitPage key={receptionVisit.id} sessionId={receptionVisit.id} />;
  if (path === '/reception/register') return <ReceptionRegisterPage />;
  if (path === '/reception/compliance') return <ReceptionCompliancePage />;
  if (path === '/dialogues' || path.startsWith('/dialogues/') || path === '/commitments' || path.startsWith('/commitments/')) return <DialoguesPage path={path} />;
  if (path === '/imports') return <ImportPage />;
  if (path === '/models') return <ModelsPage />;
  const modelMatch = matchPath('/models/:id', path);
  if (modelMatch?.id) return <ModelPage key={modelMatch.id} id={modelMatch.id} />;
  if (path === '/grassroots') return <GrassrootsPage />;
  if (path === '/grassroots/duties') return <GrassrootsDutiesPage />;
  const grassrootsMatter = matchPath('/grassroots/matters/:id', path);
  if (grassrootsMatter?.id) return <GrassrootsMatterPage key={grassrootsMatter.id} id={grassrootsMatter.id} />;
  if (path === '/search') return <SearchPage />;
  if (path === '/consultations') return <ConsultationsPage />;
  if (path === '/federation') return <FederationPage admin={user.grants.some((g) => g.role === 'admin')} />;
  if (path === '/national-sync') return <NationalSyncPage retry={user.grants.some((g) => g.role === 'admin')} />;
  const consultation = matchPath('/consultations/:id', path);
  if (consultation?.id) return <ConsultationsPage key={consultation.id} id={consultation.id} />;
  return <NotFoundPage home={home} />;
}

/** A gear: the header stays one line at 1366 px (a text link here pushed the menu into its overflow). */
function SettingsIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" style={{ verticalAlign: '-4px' }}>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 0 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 0 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 0 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 0 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z" />
    </svg>
  );
}

function Shell({ user }: { user: User }) {
  const { t } = useI18n();
  const { logout } = useSession();
  const { ct } = useCT();
  const { fd } = useFD();
  const path = usePath();
  const [logoutError, setLogoutError] = useState<unknown>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsEverOpened, setSettingsEverOpened] = useState(false);

  const roles = new Set(user.grants.map((g) => g.role));
  const nav = [
    { key: '/visits/new', label: t('nav.recordVisit'), testId: 'nav-record-visit' },
    { key: '/cases', label: t('nav.cases'), testId: 'nav-cases' },
    ...(roles.has('handler') || roles.has('head') ? [{ key: '/petitions/new', label: t('nav.newPetition'), testId: 'nav-new-petition' }] : []),
    { key: '/report', label: t('nav.report'), testId: 'nav-report' },
    ...(roles.has('receptionist') || roles.has('handler') || roles.has('head') ? [{ key: '/imports', label: t('nav.imports'), testId: 'nav-imports' }] : []),
    ...(roles.has('handler') || roles.has('head') || roles.has('investigator') || roles.has('monitor') ? [{ key: '/dialogues', label: t('nav.dialogues'), testId: 'nav-dialogues' }] : []),
    ...(roles.has('handler') || roles.has('head') || roles.has('monitor') ? [{ key: '/consultations', label: ct('ct.nav'), testId: 'nav-consultations' }] : []),
    ...(roles.has('handler') || roles.has('head') || roles.has('monitor') || roles.has('admin') ? [{ key: '/grassroots', label: t('nav.grassroots'), testId: 'nav-grassroots' }] : []),
    { key: '/models', label: t('nav.models'), testId: 'nav-models' },
    ...(roles.has('admin') ? [{ key: '/admin/calendar', label: t('nav.calendar'), testId: 'nav-calendar' }] : []),
    ...(roles.has('admin') || roles.has('handler') || roles.has('head') ? [{ key: '/federation', label: fd('fd.nav'), testId: 'nav-federation' }] : []),
    ...(roles.has('admin') || roles.has('monitor') ? [{ key: '/national-sync', label: fd('fd.syncNav'), testId: 'nav-national-sync' }] : []),
  ];
  // The reception pages (/reception/…) belong to the «Tiếp công dân» entry.
  const current =
    nav.find((n) => path === n.key || path.startsWith(`${n.key}/`)) ??
    (path.startsWith('/commitments') ? nav.find((n) => n.key === '/dialogues') : undefined) ??
    (path.startsWith('/reception') || path.startsWith('/dialogues') ? nav.find((n) => n.key === '/visits/new') : undefined);
  const selected = current?.key;
  const appName = t('app.name');
  const section = current?.label;

  useEffect(() => {
    document.title = section ? `${section} · ${appName}` : appName;
  }, [section, appName]);

  const doLogout = () => {
    setLogoutError(null);
    logout().then(
      () => navigate('/', { replace: true }),
      (err: unknown) => setLogoutError(err),
    );
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', height: 'auto', lineHeight: '56px', paddingInline: 16, background: '#fff', borderBottom: '1px solid #f0f0f0' }}
      >
        <Link to="/" style={{ color: '#b71c1c', fontWeight: 700, fontSize: 18 }}>
          {t('app.name')}
        </Link>
        {/* The menu takes its own full-width line (order 3) under the brand and the controls: with the participation
            sections it no longer fits beside them at 1366 px, and an overflowed item cannot be clicked. */}
        <nav aria-label={t('nav.main')} style={{ flex: '1 1 100%', order: 3, minWidth: 0, lineHeight: '46px' }}>
          <Menu
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            style={{ borderBottom: 'none' }}
            items={nav.map((n) => ({
              key: n.key,
              label: (
                <Link to={n.key} data-testid={n.testId}>
                  {n.label}
                </Link>
              ),
            }))}
          />
        </nav>
        <Space wrap size="middle" style={{ marginInlineStart: 'auto' }}>
          <HeaderSearch />
          <AgencySelect user={user} />
          <NotificationBell />
          <LanguageSwitch />
          <Typography.Text data-testid="current-user" title={t('header.signedInAs', { name: user.displayName })} ellipsis style={{ maxWidth: 180, display: 'inline-block', verticalAlign: 'middle' }}>
            {user.displayName}
          </Typography.Text>
          <Button
            type="text"
            shape="circle"
            aria-label={t('notifSettings.open')}
            title={t('notifSettings.open')}
            icon={<SettingsIcon />}
            onClick={() => {
              setSettingsOpen(true);
              setSettingsEverOpened(true);
            }}
            data-testid="notif-settings-open"
          />
          <Button onClick={doLogout} data-testid="logout">
            {t('header.logout')}
          </Button>
        </Space>
        {settingsEverOpened && (
          <Suspense fallback={null}>
            <NotificationSettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
          </Suspense>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <main>
          {logoutError !== null && <ErrorAlert error={logoutError} />}
          <Suspense fallback={<Loading />}>
            <Routes user={user} />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}

export function App() {
  const { lang } = useI18n();
  const { status, user } = useSession();

  useEffect(() => {
    dayjs.locale(lang);
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : viVN} theme={theme}>
      {status === 'loading' && <Loading />}
      {status === 'signed-out' && (
        <Suspense fallback={<Loading />}>
          <LoginPage />
        </Suspense>
      )}
      {status === 'signed-in' && user && (
        <CurrentAgencyProvider key={user.username} user={user}>
          <Shell user={user} />
        </CurrentAgencyProvider>
      )}
    </ConfigProvider>
  );
}
