import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { REPORT_FONT_PACKAGE_FILE } from '../../functions/lib/report-font.js';
import { resolveConfig, type RawConfig } from '../../infra/config.js';
import { handlerEntries, type HandlerEntries } from '../../infra/handlers.js';
import { buildPlannerApp, type PlannerStacks } from '../../infra/planner-app.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

/** Every handler replaced by the fixture: template tests assert infrastructure, not handler code. */
export const FIXTURE_ENTRIES: HandlerEntries = Object.fromEntries(
  Object.keys(handlerEntries(REPO_ROOT)).map((key) => [key, FIXTURE]),
) as unknown as HandlerEntries;

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
export const SOLVER_WASM = createRequire(import.meta.url).resolve('highs/runtime');
export const REPORT_FONT = createRequire(import.meta.url).resolve(REPORT_FONT_PACKAGE_FILE);

export interface Synthesized extends PlannerStacks {
  readonly app: App;
  readonly outdir: string;
  readonly dataTemplate: Template;
  readonly serviceTemplate: Template;
  /** Removes the cloud assembly directory. */
  readonly dispose: () => void;
}

/**
 * Builds the app exactly as infra/app.ts does (cdk-nag included) into a
 * temporary cloud assembly and synthesizes it once. A cdk-nag finding without
 * an acknowledgement makes this throw.
 */
export function synthesize(options: { raw?: RawConfig; entries?: HandlerEntries } = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'planner-cdk-'));
  const app = new App({ outdir });
  const stacks = buildPlannerApp(app, {
    config: resolveConfig(options.raw ?? {}),
    entries: options.entries ?? FIXTURE_ENTRIES,
    solverWasm: SOLVER_WASM,
    reportFont: REPORT_FONT,
    // Built by the test run's global setup (test/web/global-setup.ts).
    webDist: WEB_DIST,
  });
  app.synth();
  return {
    ...stacks,
    app,
    outdir,
    dataTemplate: Template.fromStack(stacks.data),
    serviceTemplate: Template.fromStack(stacks.service),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** Resources of one type in a template, by logical ID. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, any>; [k: string]: any }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
}

/** The logical ID CloudFormation knows a construct's main resource by. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).resolve(Stack.of(construct).getLogicalId(resource)) as string;
}
