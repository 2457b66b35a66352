import { join } from 'node:path';
import { ALL_FUNCTIONS, functionName, type FunctionName } from '../functions/routes.js';

/** The Lambda handler file of every function of the registry (functions/routes.ts), by function name. Each exports `handler`. */
export type HandlerEntries = Readonly<Record<FunctionName, string>>;

/** The handlers of this repository, under `<root>/functions`. */
export function handlerEntries(root: string): HandlerEntries {
  return Object.fromEntries(ALL_FUNCTIONS.map((spec) => [functionName(spec.file), join(root, 'functions', `${spec.file}.ts`)])) as HandlerEntries;
}
