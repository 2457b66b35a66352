/** The app's words from the one glossary (`solver/glossary.ts`): what made a version, a province's short name. */
import { PROVINCES, VERSION_TRIGGER, type Term } from '../../solver/glossary';
import { currentLang } from './i18n';

/** What made a version (submit, regenerate, schedule) in the reader's words; the wire name when unknown. */
export function triggerWord(trigger: string): string {
  const term = (VERSION_TRIGGER as Record<string, Term | undefined>)[trigger];
  return term === undefined ? trigger : term[currentLang()];
}

/** A province's short name (浙江, Zhejiang) by its code; the code when unknown. */
export function provinceShort(code: string): string {
  const found = PROVINCES.find(([known]) => known === code.toUpperCase());
  return found === undefined ? code : currentLang() === 'zh' ? found[1] : found[3];
}
