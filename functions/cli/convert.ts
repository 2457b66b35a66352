/**
 * npm run convert -- IN --out OUT [--base BASE]
 *
 * Converts a data set between JSON (.json) and the workbook layout (.xlsx),
 * either way, validating it on the way; or builds one from a GIS layer
 * (.geojson: service areas as Points, corridors as lines) and a base data set
 * (.json or .xlsx) that gives everything else. Writes nothing unless the result
 * is a valid data set.
 *
 * Exit codes: 0 written; 2 invalid input, unreadable file or bad arguments
 * (nothing written); 4 internal error.
 */
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetFromGeoJson, datasetToWorkbook, readWorkbookJson, type BaseDataset } from '../../solver/formats/index.js';
import type { Dataset } from '../../solver/types.js';
import { formatProblems, isWorkbookFile, readDatasetFile, readInput } from './dataset-files.js';
import { EXIT } from './exit-codes.js';
import { writeFilesAtomically } from './write.js';

export const CONVERT_USAGE =
  'usage: npm run convert -- <dataset.json|dataset.xlsx> --out <dataset.xlsx|dataset.json>\n' +
  '       npm run convert -- <sites.geojson> --base <base.json|base.xlsx> --out <dataset.json|dataset.xlsx>';

const OUTPUTS = ['.json', '.xlsx'];

type Parsed = { kind: 'run'; input: string; out: string; base?: string } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseConvertArgs(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) return { kind: 'error', message: `one input file expected, got ${positionals.length}` };
  const input = positionals[0] as string;
  if (values.out === undefined || values.out.trim() === '') return { kind: 'error', message: '--out needs a file name' };
  if (!OUTPUTS.includes(extname(values.out).toLowerCase())) return { kind: 'error', message: `--out ${values.out}: the name must end in .json or .xlsx` };
  if (resolve(values.out) === resolve(input)) return { kind: 'error', message: `--out ${values.out} would overwrite the input` };
  const isLayer = extname(input).toLowerCase() === '.geojson';
  if (isLayer && values.base === undefined) return { kind: 'error', message: 'a .geojson layer needs --base <base.json|base.xlsx> for phases, regions, traffic, assumptions and costs' };
  if (!isLayer && values.base !== undefined) return { kind: 'error', message: '--base goes with a .geojson input only' };
  return { kind: 'run', input, out: values.out, ...(values.base === undefined ? {} : { base: values.base }) };
}

/** The base of a GeoJSON layer: not validated on its own (its service areas are replaced), only read. */
async function readBase(path: string): Promise<{ ok: true; base: BaseDataset } | { ok: false; message: string }> {
  const input = readInput(path);
  if (!input.ok) return input;
  if (isWorkbookFile(path)) {
    const read = await readWorkbookJson(input.bytes);
    if (!read.ok) return { ok: false, message: formatProblems(path, read.issues) };
    if (read.value.issues.length > 0) return { ok: false, message: formatProblems(path, read.value.issues) };
    return { ok: true, base: { value: read.value.value, locate: read.value.locate } };
  }
  try {
    return { ok: true, base: { value: JSON.parse(input.bytes.toString('utf8').replace(/^\ufeff/, '')) as unknown } };
  } catch (err) {
    return { ok: false, message: `${path}: malformed JSON: ${(err as Error).message}\n` };
  }
}

async function fromLayer(input: string, basePath: string): Promise<{ ok: true; dataset: Dataset } | { ok: false; message: string }> {
  const base = await readBase(basePath);
  if (!base.ok) return base;
  const bytes = readInput(input);
  if (!bytes.ok) return bytes;
  let layer: unknown;
  try {
    layer = JSON.parse(bytes.bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (err) {
    return { ok: false, message: `${input}: malformed JSON: ${(err as Error).message}\n` };
  }
  const result = datasetFromGeoJson(layer, base.base);
  return result.ok ? { ok: true, dataset: result.value } : { ok: false, message: formatProblems(`${input} with base ${basePath}`, result.issues) };
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseConvertArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${CONVERT_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n${CONVERT_USAGE}\n`);
    return EXIT.invalid;
  }
  const read = parsed.base === undefined ? await readDatasetFile(parsed.input) : await fromLayer(parsed.input, parsed.base);
  if (!read.ok) {
    process.stderr.write(read.message);
    return EXIT.invalid;
  }
  const content = isWorkbookFile(parsed.out) ? await datasetToWorkbook(read.dataset) : JSON.stringify(read.dataset, null, 2) + '\n';
  writeFilesAtomically([{ path: parsed.out, content }]);
  process.stderr.write(`wrote ${parsed.out}: ${read.dataset.serviceAreas.length} service areas, ${read.dataset.corridors.length} corridors, ${read.dataset.phases.length} phases\n`);
  return EXIT.ok;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(EXIT.internal);
  },
);
