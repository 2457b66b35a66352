import { useState } from 'preact/hooks';
import { download, reportFile, sitesFile, type ApiFile } from '../api';
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

/** A link that fetches its file with the token and saves it, saying so while the file is being made. */
export function FileLink({ file, text, primary = false }: { file: ApiFile; text: string; primary?: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <a
      class={primary ? 'button primary' : 'button'}
      href={file.href}
      aria-busy={busy}
      onClick={(event) => {
        event.preventDefault();
        setBusy(true);
        void download(file).finally(() => setBusy(false));
      }}
    >
      {busy ? `${text}…` : text}
    </a>
  );
}

export function Downloads({ planId, version, remedy }: { planId: string; version: number; remedy?: RemedyName }) {
  return (
    <section class="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloadsTitle')}</h2>
      <ul class="downloads">
        {remedy === undefined && (
          <li>
            <FileLink file={reportFile(planId, version)} text={t('downloadReport')} primary />
          </li>
        )}
        {FORMATS.map(({ format, text }) => (
          <li>
            <FileLink file={sitesFile(planId, version, format, remedy)} text={t(text)} />
          </li>
        ))}
        <li>
          <button type="button" onClick={() => print()}>
            {t('printPage')}
          </button>
        </li>
      </ul>
    </section>
  );
}
