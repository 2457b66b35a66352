import { readFileSync } from 'node:fs';
import type { AppServer } from './app-server.js';
import { tokenFor, waitForSolve } from './seed.js';

/** The date the planning-cycle tests and screenshots re-plan the demo as of: phase 2023 is closed. */
export const AS_OF = '2024-01-15';
/** The demo's sample progress report (what it built by the end of 2023). */
export const DEMO_PROGRESS = new URL('../../../data/demo-progress.json', import.meta.url).pathname;

/** Through the API: the demo's progress report, then a re-plan as of AS_OF; waits for it to solve and returns its version. */
export async function makeRevision(server: AppServer, planId: string, province = 'ZJ'): Promise<number> {
  const headers = { authorization: `Bearer ${tokenFor(server, `province-${province}`)}`, 'content-type': 'application/json' };
  const progress = await fetch(`${server.url}/v1/plans/${planId}/progress`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `progress-${planId}` },
    body: readFileSync(DEMO_PROGRESS),
  });
  if (progress.status !== 201) throw new Error(`progress report refused: ${progress.status} ${await progress.text()}`);
  const replan = await fetch(`${server.url}/v1/plans/${planId}/regenerate`, { method: 'POST', headers: { ...headers, 'idempotency-key': `replan-${planId}` }, body: JSON.stringify({ asOf: AS_OF }) });
  const { version } = (await replan.json()) as { version: number };
  await waitForSolve(server, planId, headers.authorization, version);
  return version;
}
