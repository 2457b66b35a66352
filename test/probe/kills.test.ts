import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localSecret, signToken } from '../../functions/local/jwt.js';
import { freePort } from '../functions/helpers/servers.js';
import { serverProcesses } from '../functions/helpers/spawn.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * `kill -9` in the middle of writes: the local server process is killed (no
 * chance to clean up) while submissions and revisions arrive, then started
 * again on the same data folder. Nothing it acknowledged is lost, nothing is
 * half there, and a client retrying with its Idempotency-Keys gets the same
 * answers and no duplicates. (A kill mid-solve: test/functions/restart.test.ts.)
 */
const dataDir = mkdtempSync(join(tmpdir(), 'planner-kill-'));
const servers = serverProcesses(dataDir, 90_000);

afterAll(() => {
  servers.killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

const SUBMISSIONS = 30;
const REVISIONS = 20;

describe('kill -9 mid-write', () => {
  it('loses no acknowledged write, and retries with the same keys make no duplicates', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await servers.start(port);
    const authorization = `Bearer ${signToken({ sub: 'killer', 'cognito:groups': ['province-GD'] }, localSecret(dataDir, undefined))}`;
    const call = (method: string, path: string, key: string, body: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    const base = (await (await call('POST', '/v1/plans', 'kill-base', tinyDataset())).json()) as { planId: string };

    const submission = (index: number) => ['POST', '/v1/plans', `kill-submit-${index}`, tinyDataset({ name: `killed ${index}` })] as const;
    const revision = (index: number) => ['PUT', `/v1/plans/${base.planId}/dataset`, `kill-revise-${index}`, tinyDataset({ name: `revision ${index}` })] as const;
    const writes = [...Array.from({ length: SUBMISSIONS }, (_, index) => submission(index)), ...Array.from({ length: REVISIONS }, (_, index) => revision(index))];
    const acknowledged = new Map<string, Record<string, unknown>>();
    let answered = 0;
    let killed = false;
    const exited = new Promise((resolve) => first.once('exit', resolve));
    await Promise.all(
      writes.map(async ([method, path, key, body]) => {
        try {
          const response = await call(method, path, key, body);
          if (response.status === 202 || response.status === 201) acknowledged.set(key, (await response.json()) as Record<string, unknown>);
        } catch {
          // Cut off by the kill: not acknowledged.
        }
        answered += 1;
        if (answered === 15 && !killed) {
          killed = true;
          first.kill('SIGKILL');
        }
      }),
    );
    await exited;
    expect(acknowledged.size).toBeGreaterThan(0);

    await servers.start(port);
    // The client retries every write with its key: an acknowledged one answers as before, the rest are made now.
    const retried = new Map<string, Record<string, unknown>>();
    for (const [method, path, key, body] of writes) {
      const response = await call(method, path, key, body);
      const answer = (await response.json()) as Record<string, unknown>;
      expect([200, 201, 202], `${key}: ${JSON.stringify(answer)}`).toContain(response.status);
      retried.set(key, answer);
    }
    for (const [key, answer] of acknowledged) {
      const again = retried.get(key)!;
      if (key.startsWith('kill-submit')) expect(again.planId, key).toBe(answer.planId);
      else expect(again.revision, key).toBe(answer.revision);
    }
    const planIds = new Set([...retried].filter(([key]) => key.startsWith('kill-submit')).map(([, answer]) => answer.planId));
    expect(planIds.size).toBe(SUBMISSIONS);
    const revisions = [...retried].filter(([key]) => key.startsWith('kill-revise')).map(([, answer]) => answer.revision as number).sort((a, b) => a - b);
    expect(new Set(revisions).size).toBe(REVISIONS);

    const listed = (await (await fetch(`${url}/v1/plans?province=GD&limit=100`, { headers: { authorization } })).json()) as { items: { planId: string; status: string }[] };
    expect(listed.items.map((item) => item.planId).sort()).toEqual([...planIds, base.planId].sort());
    // Every plan ends solved: those queued or solving at the kill are picked up by the restart.
    for (let waited = 0; ; waited += 1) {
      const now = (await (await fetch(`${url}/v1/plans?province=GD&limit=100`, { headers: { authorization } })).json()) as { items: { status: string }[] };
      const open = now.items.filter((item) => item.status === 'queued' || item.status === 'solving');
      if (open.length === 0) {
        expect(now.items.map((item) => item.status).filter((status) => status !== 'optimal' && status !== 'feasible')).toEqual([]);
        break;
      }
      if (waited > 600) throw new Error(`${open.length} plans still unsolved`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
