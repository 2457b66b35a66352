import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the local runtime keeps dynalite's files and the token secret (git-ignored). */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, '.local-data');
