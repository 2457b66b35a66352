import { existsSync, readFileSync } from 'node:fs';
import type { AppServer } from './app-server.js';
import { tokenFor } from './seed.js';

/** The date the planning-cycle tests and screenshots re-plan the demo as of: phase 2023 is closed. */
export const AS_OF = '2024-01-15';
const DEMO_PROGRESS = new URL('../../../data/demo-progress.json', import.meta.url).pathname;

interface SiteJson {
  id: string;
  buildPhase: string | null;
  piles: Record<string, number>;
}

/**
 * A progress report for the demo as of the end of 2023: data/demo-progress.json when
 * the repository has it, else one made from the plan: every site the plan built in
 * 2023 in service with its planned piles, except the first, which slipped (so the
 * re-plan has something to change).
 */
export function demoProgress(sites: SiteJson[]): unknown {
  if (existsSync(DEMO_PROGRESS)) return JSON.parse(readFileSync(DEMO_PROGRESS, 'utf8'));
  const built = sites.filter((site) => site.buildPhase === '2023').sort((a, b) => a.id.localeCompare(b.id));
  return {
    asOf: '2023-12-31',
    sites: built.slice(1).map((site) => ({ id: site.id, piles: site.piles['2023'], coveredSince: '2023' })),
  };
}

/** The demo plan's sites (JSON download) through the API. */
export async function planSites(server: AppServer, planId: string, province = 'ZJ'): Promise<SiteJson[]> {
  const response = await fetch(`${server.url}/v1/plans/${planId}/sites?format=json`, { headers: { authorization: `Bearer ${tokenFor(server, `province-${province}`)}` } });
  return ((await response.json()) as { sites: SiteJson[] }).sites;
}

/** Through the API: a progress report, then a re-plan as of AS_OF; waits for it to solve and returns its version. */
export async function makeRevision(server: AppServer, planId: string, province = 'ZJ'): Promise<number> {
  const headers = { authorization: `Bearer ${tokenFor(server, `province-${province}`)}`, 'content-type': 'application/json' };
  const report = demoProgress(await planSites(server, planId, province));
  const progress = await fetch(`${server.url}/v1/plans/${planId}/progress`, { method: 'POST', headers: { ...headers, 'idempotency-key': `progress-${planId}` }, body: JSON.stringify(report) });
  if (progress.status !== 201) throw new Error(`progress report refused: ${progress.status} ${await progress.text()}`);
  const replan = await fetch(`${server.url}/v1/plans/${planId}/regenerate`, { method: 'POST', headers: { ...headers, 'idempotency-key': `replan-${planId}` }, body: JSON.stringify({ asOf: AS_OF }) });
  const { version } = (await replan.json()) as { version: number };
  for (;;) {
    const plan = (await (await fetch(`${server.url}/v1/plans/${planId}?version=${version}`, { headers })).json()) as { status: string };
    if (plan.status !== 'queued' && plan.status !== 'solving') return version;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
