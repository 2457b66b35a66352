export * from './types.js';
export { validateDataset, parseDataset } from './validate.js';
export { solvePlan } from './solve.js';
export { siteTable, sitesToCsv, sitesToGeoJson, type SiteTable } from './export.js';
export { sizeDataset } from './sizing.js';
export { validateProgress } from './progress.js';
export { replanPlan, pickReport, closedPhaseIds, PLANNER_MODEL_VERSION, type ReplanInput } from './replan.js';
export { chinaDate, isIsoDate } from './dates.js';
export { diffPlans, diffToCsv, planInputs, type PlanDiff, type PlanInputs, type SiteChange, type SiteChangeKind, type SiteState, type Change, type CoverageFigures } from './diff.js';
