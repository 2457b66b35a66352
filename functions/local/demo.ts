import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/** What seeding needs of the local server (the server passes itself): its address, a token signer, whether the store is empty, its queue's idle wait. */
export interface DemoHost {
  url: string;
  token(groups: string[], subject?: string): string;
  isEmpty(): Promise<boolean>;
  queue: { idle(): Promise<void> };
}

/** Submits data/demo.json through the API when the store is empty, and shows where to look. */
export async function seedDemo(local: DemoHost, print: (line: string) => void): Promise<void> {
  const demoFile = resolve(PROJECT_ROOT, 'data/demo.json');
  if (!existsSync(demoFile)) {
    print('No data/demo.json: submit a data set yourself (see docs/api.md).');
    return;
  }
  const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as { province: string };
  const auth = { authorization: `Bearer ${local.token([`province-${demo.province}`], 'demo')}` };
  const existing = (await (await fetch(`${local.url}/v1/plans?province=${demo.province}&limit=1`, { headers: auth })).json()) as { items?: { planId: string }[] };
  let planId = existing.items?.[0]?.planId;
  if (planId === undefined) {
    if (!(await local.isEmpty())) return;
    print(`Empty store: submitting the demo province ${demo.province} from data/demo.json ...`);
    const submitted = await fetch(`${local.url}/v1/plans`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'local-demo-seed' },
      body: readFileSync(demoFile),
    });
    const answer = (await submitted.json()) as { planId?: string; error?: { message: string } };
    if (answer.planId === undefined) {
      print(`The demo data set was refused (${submitted.status}): ${answer.error?.message ?? 'no reason given'}`);
      return;
    }
    planId = answer.planId;
    await local.queue.idle();
  }
  const plan = (await (await fetch(`${local.url}/v1/plans/${planId}`, { headers: auth })).json()) as { status: string; summary?: { objective: number | null } };
  print(`Demo plan ${planId}: ${plan.status}${plan.summary?.objective == null ? '' : `, total cost ${Math.round(plan.summary.objective).toLocaleString('en')}`}`);
  print(`  ${local.url}/v1/plans/${planId}`);
  print(`  ${local.url}/v1/plans/${planId}/sites?format=csv`);
  print(`  ${local.url}/v1/plans/${planId}/sites?format=geojson`);
  print('Try it:');
  print(`  curl -H "Authorization: Bearer $(npm run -s token -- --reviewer)" "${local.url}/v1/plans/${planId}/sites?format=csv" -o sites.csv`);
}

