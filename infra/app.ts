/**
 * CDK entry point (`npm run synth`, `npm run deploy`). The only place that
 * reads context and environment variables; everything below gets typed props.
 *
 *   npx cdk synth -c stage=prod -c corsOrigins=https://planner.example.gov.cn -c provinces=GD,GX
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { REPORT_FONT_PACKAGE_FILE } from '../functions/lib/report-font.js';
import { resolveConfig, type PlannerConfig, type RawConfig } from './config.js';
import { handlerEntries } from './handlers.js';
import { buildPlannerApp } from './planner-app.js';

const app = new App();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const keys: (keyof PlannerConfig)[] = [
  'stage',
  'scheduleExpression',
  'scheduleTimeZone',
  'corsOrigins',
  'provinces',
  'solveConcurrency',
  'apiRateLimit',
  'apiBurstLimit',
];
const raw: RawConfig = {};
for (const key of keys) {
  const value: unknown = app.node.tryGetContext(key);
  if (value !== undefined && value !== null) raw[key] = String(value);
}

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

buildPlannerApp(app, {
  config: resolveConfig(raw),
  entries: handlerEntries(root),
  solverWasm: createRequire(import.meta.url).resolve('highs/runtime'),
  reportFont: createRequire(import.meta.url).resolve(REPORT_FONT_PACKAGE_FILE),
  webDist: resolve(root, 'web/dist'),
  env: account && region ? { account, region } : undefined,
});
