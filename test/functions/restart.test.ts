import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/servers.js';
import { serverProcesses } from './helpers/spawn.js';

/*
 * A solve killed with its server: the local server process is killed (SIGKILL,
 * no chance to clean up) while it solves, then started again on the same data
 * folder. The restarted server finds the version still `solving` under the dead
 * process's lease, takes the lease over at once and solves it to the end.
 */
const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'planner-restart-'));
const servers = serverProcesses(dataDir);
const hardCase = readFileSync(new URL('../bench/cases/even-budgets-1200.json', import.meta.url));

afterAll(() => {
  servers.killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a solve killed with the local server', () => {
  it('is taken up again by the restarted server and ends optimal', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await servers.start(port);
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', '--province', 'XX'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir } });
    const auth = { authorization: `Bearer ${stdout.trim().split('\n').pop()}` };
    const submitted = await fetch(`${url}/v1/plans`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'restart-1' }, body: hardCase });
    const { planId } = (await submitted.json()) as { planId: string };
    const status = () => fetch(`${url}/v1/plans/${planId}`, { headers: auth }).then((response) => response.json() as Promise<{ status: string; attempts?: number }>);

    await waitFor('first solve', status, (plan) => plan.status === 'solving', 30_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    await servers.start(port);
    const restartedAt = Date.now();
    const ended = await waitFor('solve after restart', status, (plan) => plan.status !== 'solving' && plan.status !== 'queued', 60_000);
    const version = (await (await fetch(`${url}/v1/plans/${planId}/versions/1`, { headers: auth })).json()) as { status: string; plan: { status: string; gap: number } };

    expect(ended.status).toBe('optimal');
    expect(version.plan.gap).toBeLessThanOrEqual(1e-6);
    // Picked up within the 60 s the poll allows: the dead process's lease was taken over, not waited out (15 min).
    expect(Date.now() - restartedAt).toBeLessThan(60_000);
  });
});
