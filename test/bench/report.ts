/**
 * `npm run bench:report`: how long the PDF report takes to render and how big
 * it is, for the demo (40 service areas), the 1,200-site province and a
 * generated 5,000-site one. Each size runs in a fresh process: the first render
 * there pays what a cold Lambda pays (reading the 10 MB font, loading the PDF
 * library, parsing the font); the warm figure is the median of five more.
 *
 *   npm run bench:report
 *   npm run bench:report -- --cases demo,large
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateProvince } from '../../data/generate-lib.js';
import { reportFont } from '../../functions/lib/report-font.js';
import { renderReportPdf } from '../../solver/formats/report-pdf.js';
import { solvePlan, type Dataset } from '../../solver/index.js';

const args = process.argv.slice(2);
const one = args.indexOf('--one');
const dataFile = (name: string): Dataset => JSON.parse(readFileSync(new URL(`../../data/${name}.json`, import.meta.url), 'utf8')) as Dataset;
const CASES: Record<string, () => Dataset> = {
  demo: () => dataFile('demo'),
  large: () => dataFile('large'),
  generated5000: () => generateProvince({ seed: 5000, sites: 5000, budget: 'none' }),
};

async function measure(name: string): Promise<void> {
  const dataset = CASES[name]!();
  const plan = await solvePlan(dataset, { timeLimitSeconds: 300 });
  const input = { dataset, plan, version: 1, trigger: 'submit' as const, reviewState: 'none' as const, planOfRecord: null, generatedAt: new Date().toISOString() };
  const start = performance.now();
  const font = await reportFont();
  const fontMs = performance.now() - start;
  const bytes = await renderReportPdf(input, font);
  const coldMs = performance.now() - start;
  const warm: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const began = performance.now();
    await renderReportPdf(input, font);
    warm.push(performance.now() - began);
  }
  warm.sort((a, b) => a - b);
  const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const row = {
    case: name, sites: dataset.serviceAreas.length, pages, pdfKB: Math.round(bytes.length / 1024),
    fontReadMs: Math.round(fontMs), coldMs: Math.round(coldMs), warmMs: Math.round(warm[2]!),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(row) + '\n');
}

if (one >= 0) {
  await measure(args[one + 1]!);
} else {
  const caseFlag = args.indexOf('--cases');
  const names = (caseFlag >= 0 ? (args[caseFlag + 1] ?? '') : Object.keys(CASES).join(',')).split(',');
  const header = ['case', 'sites', 'pages', 'pdfKB', 'fontReadMs', 'coldMs', 'warmMs', 'peakRssMB'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const name of names) {
    if (!(name in CASES)) throw new Error(`unknown case ${name}; the cases are ${Object.keys(CASES).join(', ')}`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const row = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | string>;
    console.log(`| ${header.map((key) => row[key]).join(' | ')} |`);
  }
}
