import { useEffect, useState } from 'preact/hooks';
import { isApiPath } from './api';

/** A small history router: the app's routes are plain paths, so direct links and reloads work. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; search: string } {
  const [location_, setLocation] = useState({ path: location.pathname, search: location.search });
  useEffect(() => {
    const update = () => setLocation({ path: location.pathname, search: location.search });
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return location_;
}

/** Follows a same-origin link inside the app without reloading (new tab / modified clicks left alone). */
export function followLink(event: MouseEvent): void {
  const anchor = (event.target as Element).closest('a');
  if (anchor === null || anchor.target || anchor.hasAttribute('download') || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.defaultPrevented) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || isApiPath(url.pathname) || url.pathname === '/sign-in') return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export type Route =
  | { page: 'plans' }
  | { page: 'submit' }
  | { page: 'overview' }
  | { page: 'plan'; planId: string; version?: number }
  | { page: 'scenario'; planId: string; scenarioId: string }
  | { page: 'curves'; planId: string; curveId?: string }
  | { page: 'callback' }
  | { page: 'not-found' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/plans') return { page: 'plans' };
  if (path === '/submit') return { page: 'submit' };
  if (path === '/overview') return { page: 'overview' };
  if (path === '/auth/callback') return { page: 'callback' };
  const plan = /^\/plans\/([0-9a-f-]{36})(?:\/versions\/(\d+))?\/?$/.exec(path);
  if (plan !== null) return { page: 'plan', planId: plan[1]!, ...(plan[2] === undefined ? {} : { version: Number(plan[2]) }) };
  const scenario = /^\/plans\/([0-9a-f-]{36})\/scenarios\/(s\d+|c\d+-\d+)\/?$/.exec(path);
  if (scenario !== null) return { page: 'scenario', planId: scenario[1]!, scenarioId: scenario[2]! };
  const curves = /^\/plans\/([0-9a-f-]{36})\/curves(?:\/(c\d+))?\/?$/.exec(path);
  if (curves !== null) return { page: 'curves', planId: curves[1]!, ...(curves[2] === undefined ? {} : { curveId: curves[2] }) };
  return { page: 'not-found' };
}
