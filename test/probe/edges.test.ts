import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataDir } from '../../functions/local/data-dir.js';
import { csvText } from '../../solver/export.js';

/* Edges of the probe that need no server: CSV neutralisation and the data folder's restart wait. */

describe('CSV neutralisation (finding 8)', () => {
  it.each([' =1+1', '\u3000=1', '  +cmd', '\uFF1DHYPERLINK("x")', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', '=1', '\t=1'])('neutralises %j', (value) => {
    expect(csvText(value)).toBe(`'${value}`);
  });

  it.each(['G4-010', '太和服务区', 'a = b', '1-2'])('leaves %j as it is', (value) => {
    expect(csvText(value)).toBe(value);
  });
});

describe('restart after a kill (finding 9)', () => {
  it('waits for the old holder of the data folder to exit instead of refusing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'planner-restart-'));
    try {
      // An "old server" that is still exiting: alive for 0.5 s more.
      const old = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 500)'], { stdio: 'ignore' });
      writeFileSync(join(dataDir, 'server.pid'), `${old.pid}\n`);
      const release = await claimDataDir(dataDir, 10_000);
      expect(old.exitCode ?? old.signalCode).not.toBeNull();
      release();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('still refuses, naming the pid, when the holder outlives the wait', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'planner-restart-'));
    const old = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'server.pid'), `${old.pid}\n`);
      await expect(claimDataDir(dataDir, 200)).rejects.toThrow(`in use by another local server (pid ${old.pid})`);
    } finally {
      old.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
