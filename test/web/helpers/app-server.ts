import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../functions/helpers/servers.js';

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

const ROOT = new URL('../../../', import.meta.url).pathname;

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-web-'));
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('Ready.')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited: ${text}`));
      }
    }, 100);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => text,
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
