import { download, sitesFile } from '../api';
import type { RemedyName } from '../types';
import { t, type MessageKey } from '../i18n';

/**
 * The plan's files, each fetched with the bearer token and saved under the
 * API's file name. A new format is one more entry here.
 */
const FORMATS: { format: string; text: MessageKey }[] = [
  { format: 'csv', text: 'downloadCsv' },
  { format: 'geojson', text: 'downloadGeoJson' },
  { format: 'json', text: 'downloadJson' },
  { format: 'xlsx', text: 'downloadXlsx' },
];

export function Downloads({ planId, version, remedy }: { planId: string; version: number; remedy?: RemedyName }) {
  return (
    <section class="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloadsTitle')}</h2>
      <ul class="downloads">
        {FORMATS.map(({ format, text }) => {
          const file = sitesFile(planId, version, format, remedy);
          return (
            <li>
              <a
                class="button"
                href={file.href}
                onClick={(event) => {
                  event.preventDefault();
                  void download(file);
                }}
              >
                {t(text)}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
