/**
 * A Lambda entry point wired from the environment on its first invocation,
 * not at import: a handler module exports its factory (`makeHandler(deps)`)
 * for tests and the local runtime, and this one line for Lambda, and importing
 * the module reads no environment variable.
 */
export function fromEnv<E, C, R>(build: () => (event: E, context: C) => Promise<R>): (event: E, context: C) => Promise<R> {
  let built: ((event: E, context: C) => Promise<R>) | undefined;
  return (event, context) => (built ??= build())(event, context);
}
