import { setFlagsFromString } from 'node:v8';

/**
 * Lets the HiGHS WebAssembly run on V8's baseline code for longer before V8
 * re-compiles its hot functions with the optimising compiler. The default
 * budget sets off re-compiling much of a 3.5 MB module in the first second of
 * every solve, which on two cores costs more than it saves: measured, a
 * 1,200-site CLI run drops from about 1.6 s to 0.8 s, and long solves still get
 * optimised code where they spend their time. Call before the first solve.
 */
export function tuneWasmTiering(): void {
  setFlagsFromString('--wasm-tiering-budget=1000000000');
}
