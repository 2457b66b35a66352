import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * Starts the local server as a user would (`npm start`, or node on its entry
 * file) in the project folder and resolves once it prints "Ready.". With
 * `group`, it gets its own process group, so a signal to -pid reaches npm and
 * the server alike, as Ctrl-C in a terminal does. Rejects when it exits first
 * or is not ready within `timeoutMs`, with what it printed.
 */
export async function spawnServer(options: {
  command: string;
  args: string[];
  env: Record<string, string>;
  group?: boolean;
  timeoutMs?: number;
}): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(options.command, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const what = `${options.command} ${options.args.join(' ')}`;
  for (const started = Date.now(); !text.includes('Ready.'); ) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${text}`);
    if (Date.now() - started > timeoutMs) {
      // Leave nothing running behind a failed start.
      try {
        process.kill(options.group ? -child.pid! : child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      throw new Error(`${what} not ready after ${timeoutMs} ms: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => text };
}

/**
 * The local server's entry file run by node on one data folder, as often as a
 * test restarts it; `killAll` (for afterAll) leaves none of them running.
 */
export function serverProcesses(dataDir: string, timeoutMs = 60_000) {
  const children: ChildProcess[] = [];
  return {
    async start(port: number): Promise<ChildProcess> {
      const { child } = await spawnServer({ command: process.execPath, args: ['--import', 'tsx', 'functions/local/server.ts'], env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, timeoutMs });
      children.push(child);
      return child;
    },
    killAll(): void {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
