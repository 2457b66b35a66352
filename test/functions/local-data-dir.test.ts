/**
 * One local server per data folder: the embedded database cannot be opened twice,
 * so a second server on the same folder must say so plainly instead of crashing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer } from '../../functions/local/server.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planner-datadir-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A live process standing in for another server that holds the folder. */
function liveProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  cleanups.push(() => child.kill());
  return child;
}

describe('the local data folder', () => {
  it('refuses to start a second server on a folder another live server holds, naming its pid', async () => {
    // Prepare
    const dataDir = tempDir();
    const other = liveProcess();
    writeFileSync(join(dataDir, 'server.pid'), `${other.pid}\n`);

    // Act
    const starting = startLocalServer({ port: 0, dataDir, dataDirWaitMs: 300, print: () => {} });

    // Assess
    await expect(starting).rejects.toThrow(`in use by another local server (pid ${other.pid})`);
  });

  it('takes over a folder whose pid file was left by a server that died, and frees it on close', async () => {
    // Prepare: a pid that cannot be alive.
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'server.pid'), '2147483646\n');

    // Act
    const local = await startLocalServer({ port: 0, dataDir, print: () => {} });
    const health = await fetch(`${local.url}/health`);
    await local.close();

    // Assess
    expect(health.status).toBe(200);
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
  });
});
