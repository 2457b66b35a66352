/**
 * The sites table's words in the reader's language, from the one glossary
 * (`solver/glossary.ts`): column headers (the CSV keeps its wire names, shown on
 * hover), statuses, region classes, and region and corridor names with the code
 * on hover.
 */
import { REGION_CLASS, SITE_STATUS, TERMS, type Term } from '../../solver/glossary';
import { currentLang } from './i18n';

const HEADERS: Record<string, Term> = {
  id: TERMS.id,
  name: TERMS.name,
  corridor: TERMS.corridor,
  km: TERMS.km,
  region: TERMS.region,
  regionClass: TERMS.regionClass,
  lat: TERMS.lat,
  lon: TERMS.lon,
  status: TERMS.status,
  buildPhase: TERMS.buildPhase,
  piles: TERMS.pile,
  capex: TERMS.spending,
  shortfall: TERMS.queueShortfall,
};

const say = (term: Term): string => term[currentLang()];

/** A column's header: `capex_2025` -> 投资 2025 (the CSV's name stays on hover). */
export function columnHeader(key: string): string {
  const [base, phase] = key.split(/_(.+)/) as [string, string | undefined];
  const term = HEADERS[base];
  if (term === undefined) return key;
  return phase === undefined ? say(term) : `${say(term)} ${phase}`;
}

/** A site's status in the reader's words, with the phase a required site is due by. */
export function siteStatus(status: string, requiredBy: string | null): string {
  const term = (SITE_STATUS as Record<string, Term | undefined>)[status];
  const word = term === undefined ? status : say(term);
  if (requiredBy === null) return word;
  return currentLang() === 'zh' ? `${word}（${requiredBy} 年前）` : `${word} (${requiredBy})`;
}

/** A region class (priority, standard) in the reader's words. */
export function regionClassWord(cls: string | null): string {
  if (cls === null) return '';
  const term = (REGION_CLASS as Record<string, Term | undefined>)[cls];
  return term === undefined ? cls : say(term);
}
