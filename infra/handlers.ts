import { join } from 'node:path';

/** The Lambda handler files, one per action (the handler contract). Each exports `handler`. */
export interface HandlerEntries {
  readonly submitPlan: string;
  readonly getPlan: string;
  readonly listPlans: string;
  readonly downloadSites: string;
  readonly regeneratePlan: string;
  readonly reviseDataset: string;
  readonly reportProgress: string;
  readonly getProgress: string;
  readonly getVersion: string;
  readonly diffVersions: string;
  readonly reviewVersion: string;
  readonly getTemplate: string;
  readonly scheduledRegenerate: string;
  readonly solveJob: string;
  readonly solveDeadLetter: string;
  readonly health: string;
}

/** The handlers of this repository, under `<root>/functions`. */
export function handlerEntries(root: string): HandlerEntries {
  const at = (file: string) => join(root, 'functions', file);
  return {
    submitPlan: at('submit-plan.ts'),
    getPlan: at('get-plan.ts'),
    listPlans: at('list-plans.ts'),
    downloadSites: at('download-sites.ts'),
    regeneratePlan: at('regenerate-plan.ts'),
    reviseDataset: at('revise-dataset.ts'),
    reportProgress: at('report-progress.ts'),
    getProgress: at('get-progress.ts'),
    getVersion: at('get-version.ts'),
    diffVersions: at('diff-versions.ts'),
    reviewVersion: at('review-version.ts'),
    getTemplate: at('get-template.ts'),
    scheduledRegenerate: at('scheduled-regenerate.ts'),
    solveJob: at('solve-job.ts'),
    solveDeadLetter: at('solve-dead-letter.ts'),
    health: at('health.ts'),
  };
}
