import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/servers.js';
import { spawnServer } from './helpers/spawn.js';

/*
 * The README's front door as a newcomer uses it: `npm start` in a child
 * process on a fresh data folder, `npm run token` for a bearer token, then
 * SIGTERM. The second start on the same folder shows the data persisted.
 */
const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'planner-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` on this file's data folder, once it says it is ready. */
async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const started = await spawnServer({ command: 'npm', args: ['start'], env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, group: true });
  children.push(started.child);
  return started;
}

/** Signals the process group; resolves once the server says it stopped. */
async function stop(child: ChildProcess, output: () => string, signal: NodeJS.Signals): Promise<void> {
  process.kill(-child.pid!, signal);
  const started = Date.now();
  while (!output().includes('Stopped.')) {
    if (Date.now() - started > 20_000) throw new Error(`server did not stop: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function portIsClosed(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/health`).then(
    () => false,
    () => true,
  );
}

describe('npm start', () => {
  it('serves a solved demo plan on a fresh store, prints where to get it, and stops cleanly on Ctrl-C or SIGTERM', async () => {
    const port = await freePort();
    const first = await start(port);
    const printed = first.output();
    const planUrl = /(http:\/\/127\.0\.0\.1:\d+\/v1\/plans\/[0-9a-f-]{36}\/sites\?format=csv)/.exec(printed)?.[1];
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', '--reviewer'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir } });
    const token = stdout.trim().split('\n').pop()!;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    const csv = await fetch(planUrl!, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    await stop(first.child, first.output, 'SIGINT');

    expect(printed).toContain(`listening on http://127.0.0.1:${port}`);
    expect(printed).toMatch(/Demo plan [0-9a-f-]{36}: optimal/);
    expect(printed).toContain('curl -H "Authorization: Bearer $(npm run -s token -- --reviewer)"');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(health.status).toBe(200);
    expect(csv.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await portIsClosed(port)).toBe(true);

    const second = await start(port);
    const again = second.output();
    await stop(second.child, second.output, 'SIGTERM');

    expect(again).not.toContain('Empty store');
    expect(again).toContain(/Demo plan ([0-9a-f-]{36})/.exec(printed)![1]);
    expect(await portIsClosed(port)).toBe(true);
  });
});
