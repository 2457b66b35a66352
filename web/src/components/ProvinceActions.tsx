import { useState } from 'preact/hooks';
import { ApiError, reportProgress, reviseDataset, type Issue } from '../api';
import { t } from '../i18n';
import { DATASET_ACCEPT, readUpload, type Upload } from '../files';
import { ErrorNote } from './ErrorNote';
import { IssueList } from './IssueList';
import { ReplanForm } from './ReplanForm';

type Outcome = { ok: string } | { issues: Issue[] } | { error: unknown } | undefined;

function UploadForm({ id, title, workbook, send }: { id: string; title: string; workbook: boolean; send: (upload: Exclude<Upload, { error: string }>) => Promise<string> }) {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  async function submit(event: Event) {
    event.preventDefault();
    if (file === undefined) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const upload = await readUpload(file, { workbook });
      setOutcome('error' in upload ? { error: new Error(upload.error) } : { ok: await send(upload) });
    } catch (failure) {
      setOutcome(failure instanceof ApiError && failure.issues.length > 0 ? { issues: failure.issues } : { error: failure });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="action" onSubmit={submit}>
      <h3>{title}</h3>
      <label for={id}>{t('chooseFile')}</label>
      <input id={id} type="file" accept={workbook ? DATASET_ACCEPT : '.json,application/json'} required onChange={(event) => setFile(event.currentTarget.files?.[0])} />
      <button type="submit" disabled={busy || file === undefined}>
        {t('upload')}
      </button>
      {outcome !== undefined && 'ok' in outcome && <p role="status">{outcome.ok}</p>}
      {outcome !== undefined && 'issues' in outcome && <IssueList issues={outcome.issues} />}
      {outcome !== undefined && 'error' in outcome && <ErrorNote error={outcome.error} />}
    </form>
  );
}

/** What a province user does with its plan: revise the data, report progress, re-plan as of a date. */
export function ProvinceActions({ planId, phases, onNewVersion, onChanged }: { planId: string; phases: readonly { id: string; year: number }[]; onNewVersion: (version: number) => void; onChanged: () => void }) {
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actionsTitle')}</h2>
      <div class="actions">
        <UploadForm
          id="upload-dataset"
          title={t('uploadDataset')}
          workbook
          send={async (upload) => {
            const answer = await reviseDataset(planId, upload);
            onChanged();
            return `${t('uploaded')} ${t('dataRevision')} r${answer.revision}`;
          }}
        />
        <UploadForm
          id="upload-progress"
          title={t('uploadProgress')}
          workbook={false}
          send={async (upload) => {
            const answer = await reportProgress(planId, upload);
            onChanged();
            return `${t('uploaded')} ${t('asOf')} ${answer.asOf}`;
          }}
        />
        <ReplanForm planId={planId} phases={phases} onNewVersion={onNewVersion} />
      </div>
    </section>
  );
}
