import { App } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../infra/config.js';
import { buildPlannerApp } from '../../infra/planner-app.js';
import { FIXTURE_ENTRIES, REPORT_FONT, SOLVER_WASM, WEB_DIST } from './synth.js';

describe('the AWS Solutions checks', () => {
  it('fail synthesis when a resource breaks a rule nobody acknowledged', () => {
    // Prepare: the real app, plus a queue without TLS enforcement, encryption or DLQ.
    const outdir = mkdtempSync(join(tmpdir(), 'planner-nag-'));
    try {
      const app = new App({ outdir });
      const { data } = buildPlannerApp(app, {
        config: resolveConfig({}),
        entries: FIXTURE_ENTRIES,
        solverWasm: SOLVER_WASM,
        reportFont: REPORT_FONT,
        webDist: WEB_DIST,
      });
      new Queue(data, 'Careless');
      // Act
      let message = '';
      try {
        app.synth();
      } catch (error) {
        message = String(error);
      }
      // Assess: the finding names the rule and the construct.
      expect(message).toMatch(/AwsSolutions-SQS4[\s\S]*Careless|Careless[\s\S]*AwsSolutions-SQS4/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
