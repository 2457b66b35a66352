import { buildWeb } from '../../web/build.js';

/** Builds the web app once before any test file starts `npm start` (which then finds it up to date). */
export default async function setup(): Promise<void> {
  await buildWeb({ ifStale: true, quiet: true });
}
