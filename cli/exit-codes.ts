import type { PlanStatus } from '../solver/types.js';

/** Exit codes of `npm run plan` (docs/cli.md). */
export const EXIT = {
  /** A plan was found (optimal or feasible) and the outputs written. */
  ok: 0,
  /** The data set is infeasible; the plan file (with its diagnosis) is written. */
  infeasible: 1,
  /** Invalid data set, unreadable file or bad arguments; nothing written. */
  invalid: 2,
  /** Stopped at the time limit before any plan was found; the plan file is written. */
  unknown: 3,
  /** A bug: the planner or the writer failed unexpectedly; nothing written. */
  internal: 4,
} as const;

export function exitCodeFor(status: PlanStatus): number {
  switch (status) {
    case 'optimal':
    case 'feasible':
      return EXIT.ok;
    case 'infeasible':
      return EXIT.infeasible;
    case 'unknown':
      return EXIT.unknown;
  }
}

/**
 * Runs a command's main function and exits with its code at once: otherwise the
 * process lingers while the engine's WebAssembly is still being optimised in the
 * background, long after the outputs are written (stdout and stderr are
 * synchronous for files and pipes, so nothing is lost). Anything thrown is a bug:
 * exit 4 with its stack.
 */
export function runCommand(main: (argv: string[]) => number | Promise<number>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exit(EXIT.internal);
      },
    );
}
