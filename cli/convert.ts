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
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetFromGeoJson, datasetToWorkbook, readWorkbookJson, type BaseDataset } from '../solver/formats/index.js';
import type { Dataset } from '../solver/types.js';
import { isWorkbookFile, readDatasetFile } from './dataset-files.js';
import { EXIT, runCommand } from './exit-codes.js';
import { checkOutputs, InvalidFile, parseJson, readBytes, readText, UsageError } from './files.js';
import { formatIssues } from './format.js';
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
  const isLayer = extname(input).toLowerCase() === '.geojson';
  if (isLayer && values.base === undefined) return { kind: 'error', message: 'a .geojson layer needs --base <base.json|base.xlsx> for phases, regions, traffic, assumptions and costs' };
  if (!isLayer && values.base !== undefined) return { kind: 'error', message: '--base goes with a .geojson input only' };
  return { kind: 'run', input, out: values.out, ...(values.base === undefined ? {} : { base: values.base }) };
}

/** The base of a GeoJSON layer: read, not validated on its own (its corridors and service areas are replaced). */
async function readBase(path: string): Promise<BaseDataset> {
  if (isWorkbookFile(path)) {
    const read = await readWorkbookJson(readBytes(path));
    if (!read.ok) throw new InvalidFile(formatIssues(path, read.issues));
    if (read.value.issues.length > 0) throw new InvalidFile(formatIssues(path, read.value.issues));
    return { value: read.value.value, locate: read.value.locate };
  }
  const parsed = parseJson(readText(path));
  if (!parsed.ok) throw new InvalidFile(formatIssues(path, parsed.issues));
  return { value: parsed.value };
}

async function fromLayer(input: string, basePath: string): Promise<Dataset> {
  const base = await readBase(basePath);
  const layer = parseJson(readText(input));
  if (!layer.ok) throw new InvalidFile(formatIssues(input, layer.issues, 'GeoJSON layer'));
  const result = datasetFromGeoJson(layer.value, base);
  if (!result.ok) throw new InvalidFile(formatIssues(`${input} with base ${basePath}`, result.issues));
  return result.value;
}

async function fromFile(input: string): Promise<Dataset> {
  const read = await readDatasetFile(input);
  if (!read.ok) throw new InvalidFile(formatIssues(input, read.issues));
  return read.value;
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
  let dataset: Dataset;
  try {
    checkOutputs([{ name: 'input', path: parsed.input }, ...(parsed.base === undefined ? [] : [{ name: '--base file', path: parsed.base }])], [{ flag: 'out', path: parsed.out }]);
    dataset = parsed.base === undefined ? await fromFile(parsed.input) : await fromLayer(parsed.input, parsed.base);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${CONVERT_USAGE}\n`);
      return EXIT.invalid;
    }
    if (err instanceof InvalidFile) {
      process.stderr.write(err.text);
      return EXIT.invalid;
    }
    throw err;
  }
  const content = isWorkbookFile(parsed.out) ? await datasetToWorkbook(dataset) : JSON.stringify(dataset, null, 2) + '\n';
  writeFilesAtomically([{ path: parsed.out, content }]);
  process.stderr.write(`wrote ${parsed.out}: ${dataset.serviceAreas.length} service areas, ${dataset.corridors.length} corridors, ${dataset.phases.length} phases\n`);
  return EXIT.ok;
}

runCommand(run);

