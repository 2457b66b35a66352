import { download } from '../api';
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

export function Downloads({ planId, version }: { planId: string; version: number }) {
  return (
    <section class="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloadsTitle')}</h2>
      <ul class="downloads">
        {FORMATS.map(({ format, text }) => {
          const href = `/v1/plans/${planId}/sites?format=${format}&version=${version}`;
          return (
            <li>
              <a
                class="button"
                href={href}
                onClick={(event) => {
                  event.preventDefault();
                  void download(href, `plan-${planId.slice(0, 8)}-v${version}.${format}`);
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
