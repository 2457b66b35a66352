export * from './types.js';
export { validateDataset, parseDataset } from './validate.js';
export { solvePlan } from './solve.js';
export { sitesToCsv, sitesToGeoJson } from './export.js';
export { sizeDataset } from './sizing.js';
