/**
 * npm run template -- --out dataset.xlsx
 *
 * Writes the data set workbook template: instructions, one sheet per part of a
 * data set with bilingual headers, drop-down lists and an example province to
 * overwrite (docs/workbooks.md). Exit 0 written, 2 bad arguments, 4 internal error.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { templateWorkbook } from '../solver/formats/index.js';
import { EXIT, runCommand } from './exit-codes.js';
import { writeFilesAtomically } from './write.js';

const USAGE = 'usage: npm run template -- --out dataset.xlsx';

async function run(argv: readonly string[]): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    out = values.out;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return EXIT.invalid;
  }
  if (out === undefined || extname(out).toLowerCase() !== '.xlsx') {
    process.stderr.write(`--out needs a file name ending in .xlsx\n${USAGE}\n`);
    return EXIT.invalid;
  }
  writeFilesAtomically([{ path: out, content: await templateWorkbook() }]);
  process.stderr.write(`wrote ${out}\n`);
  return EXIT.ok;
}

runCommand(run);

