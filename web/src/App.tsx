import { useEffect, useRef, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api';
import { currentSession, finishCognitoSignIn, signOut, startCognitoSignIn, type Session } from './auth';
import { ErrorNote } from './components/ErrorNote';
import type { AppConfig } from './config';
import { currentLang, setLang, t } from './i18n';
import { OverviewPage } from './pages/OverviewPage';
import { PlansList } from './pages/PlansList';
import { ScenarioPage } from './pages/ScenarioPage';
import { SignIn } from './pages/SignIn';
import { SubmitPage } from './pages/SubmitPage';
import { followLink, matchRoute, navigate, useLocation } from './router';
import { provinceShort } from './words';

type PlanPageComponent = (typeof import('./pages/PlanPage'))['PlanPage'];
/** The plan page brings the map and chart libraries: loaded when first needed, so the list and submit pages stay small. */
function usePlanPage(needed: boolean): PlanPageComponent | undefined {
  const [component, setComponent] = useState<PlanPageComponent>();
  useEffect(() => {
    if (needed && component === undefined) void import('./pages/PlanPage').then((module) => setComponent(() => module.PlanPage));
  }, [needed]);
  return component;
}

type CurvePageComponent = (typeof import('./pages/CurvePage'))['CurvePage'];
/** The trade-off page brings the chart library: loaded when first needed, as the plan page. */
function useCurvePage(needed: boolean): CurvePageComponent | undefined {
  const [component, setComponent] = useState<CurvePageComponent>();
  useEffect(() => {
    if (needed && component === undefined) void import('./pages/CurvePage').then((module) => setComponent(() => module.CurvePage));
  }, [needed]);
  return component;
}

export function App({ config }: { config: AppConfig }) {
  const { path, search } = useLocation();
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [lang, setLangState] = useState(currentLang());
  const [callbackError, setCallbackError] = useState<unknown>();
  const route = matchRoute(path);
  const PlanPage = usePlanPage(route.page === 'plan');
  const CurvePage = useCurvePage(route.page === 'curves');

  useEffect(() => whenUnauthenticated(() => setSession(undefined)), []);
  useEffect(() => {
    if (route.page !== 'callback') return;
    finishCognitoSignIn(config, search).then(
      (next) => {
        setSession(currentSession());
        navigate(next, { replace: true });
      },
      (error: unknown) => setCallbackError(error),
    );
  }, [route.page]);
  useEffect(() => {
    const titles: Record<string, string> = { plans: t('plansTitle'), submit: t('submitTitle'), overview: t('overviewTitle') };
    if (route.page !== 'plan') document.title = `${titles[route.page] ?? t('appTitle')} · ${t('appTitle')}`;
  }, [route.page, lang]);

  // After the app changes page, focus its main region, so a keyboard or screen-reader user starts at the new content.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus({ preventScroll: true });
    firstPath.current = '';
  }, [path]);

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    setLangState(next);
  };

  let content;
  if (route.page === 'callback') content = callbackError === undefined ? <p>{t('loading')}</p> : <ErrorNote error={callbackError} />;
  else if (session === undefined) content = <SignIn config={config} onCognito={() => void startCognitoSignIn(config)} />;
  else if (route.page === 'plans') content = <PlansList session={session} />;
  else if (route.page === 'submit') content = <SubmitPage session={session} />;
  else if (route.page === 'overview') content = <OverviewPage session={session} />;
  else if (route.page === 'plan')
    content = PlanPage === undefined ? <p>{t('loading')}</p> : <PlanPage key={`${route.planId}/${route.version ?? ''}`} session={session} config={config} planId={route.planId} version={route.version} />;
  else if (route.page === 'scenario') content = <ScenarioPage key={`${route.planId}/${route.scenarioId}`} planId={route.planId} scenarioId={route.scenarioId} />;
  else if (route.page === 'curves')
    content = CurvePage === undefined ? <p>{t('loading')}</p> : <CurvePage key={`${route.planId}/${route.curveId ?? ''}`} planId={route.planId} curveId={route.curveId} />;
  else content = <h1>{t('notFound')}</h1>;

  return (
    <div class="app" key={lang} onClick={followLink}>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('appTitle')}
        </a>
        <nav aria-label={t('navPlans')}>
          <a href="/" aria-current={route.page === 'plans' ? 'page' : undefined}>
            {t('navPlans')}
          </a>
          {session?.reviewer === true && (
            <a href="/overview" aria-current={route.page === 'overview' ? 'page' : undefined}>
              {t('navOverview')}
            </a>
          )}
          {session !== undefined && session.provinces.length > 0 && (
            <a href="/submit" aria-current={route.page === 'submit' ? 'page' : undefined}>
              {t('navSubmit')}
            </a>
          )}
        </nav>
        <div class="user">
          {session !== undefined && (
            <span>
              {t('signedInAs')}: <strong>{session.reviewer ? t('roleReviewer') : `${t('roleProvince')} ${session.provinces.map(provinceShort).join('、')}`}</strong>
            </span>
          )}
          <button type="button" onClick={switchLang} aria-label={t('switchLangLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
            {t('switchLang')}
          </button>
          {session !== undefined && (
            <button type="button" onClick={() => signOut(config)}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </div>
  );
}

