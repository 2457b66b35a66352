import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localSecret, signToken } from '../../../functions/local/jwt.js';
import type { AppServer } from './app-server.js';

/** A bearer token of the running local server, signed with its secret as `npm run token` does. */
export function tokenFor(server: AppServer, group: string): string {
  return signToken({ sub: `bench-${group}`, 'cognito:groups': [group] }, localSecret(server.dataDir, undefined));
}

/** Submits a data set file through the API (its province's user); returns the plan id without waiting for the solve. */
export async function submit(server: AppServer, file: string): Promise<{ planId: string; authorization: string }> {
  const body = readFileSync(file);
  const { province } = JSON.parse(body.toString('utf8')) as { province: string };
  const authorization = `Bearer ${tokenFor(server, `province-${province}`)}`;
  const submitted = await fetch(`${server.url}/v1/plans`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', 'idempotency-key': `seed-${join(file).replace(/\W+/g, '-').slice(-60)}` },
    body,
  });
  const { planId } = (await submitted.json()) as { planId: string };
  return { planId, authorization };
}

/** Waits until a version of a plan (default the latest) is no longer queued or solving. */
export async function waitForSolve(server: AppServer, planId: string, authorization: string, version?: number): Promise<void> {
  for (;;) {
    const plan = (await (await fetch(`${server.url}/v1/plans/${planId}${version === undefined ? '' : `?version=${version}`}`, { headers: { authorization } })).json()) as { status: string };
    if (plan.status !== 'queued' && plan.status !== 'solving') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Submits a data set file through the API and waits until its plan is solved; returns the plan id. */
export async function submitAndSolve(server: AppServer, file: string): Promise<string> {
  const { planId, authorization } = await submit(server, file);
  await waitForSolve(server, planId, authorization);
  return planId;
}
