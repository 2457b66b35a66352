import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../functions/helpers/servers.js';
import { spawnServer } from '../../functions/helpers/spawn.js';

/**
 * `npm start` as a user runs it, on a free port and a fresh data folder, for
 * the browser tests, the screenshots and the page benchmark. Its own process
 * group, so stopping it stops npm and the server alike.
 */
export interface AppServer {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-web-'));
  const { child, output } = await spawnServer({
    command: 'npm',
    args: ['start'],
    env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    group: true,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // stopped cleanly
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
