import { useState } from 'preact/hooks';
import { ApiError, download, submitPlan, templateFile, type Issue } from '../api';
import type { Session } from '../auth';
import { ErrorNote } from '../components/ErrorNote';
import { IssueList } from '../components/IssueList';
import { DATASET_ACCEPT, readUpload } from '../files';
import { t } from '../i18n';
import { navigate } from '../router';

const TEMPLATE = templateFile();

/** Submit a data set: every problem listed with its JSON path, else on to the new plan's page. */
export function SubmitPage(_props: { session: Session }) {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<unknown>();

  async function submit(event: Event) {
    event.preventDefault();
    if (file === undefined) return;
    setBusy(true);
    setIssues([]);
    setError(undefined);
    try {
      const upload = await readUpload(file);
      if ('error' in upload) {
        setError(new Error(upload.error));
        return;
      }
      const accepted = await submitPlan(upload);
      navigate(`/plans/${accepted.planId}`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.issues.length > 0) setIssues(failure.issues);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>{t('submitTitle')}</h1>
      <p>{t('submitHelp')}</p>
      <p>
        <a
          href={TEMPLATE.href}
          onClick={(event) => {
            event.preventDefault();
            void download(TEMPLATE);
          }}
        >
          {t('downloadTemplate')}
        </a>
      </p>
      <form onSubmit={submit}>
        <p>
          <label for="dataset-file">{t('submitFile')}</label>
          <br />
          <input id="dataset-file" type="file" accept={DATASET_ACCEPT} required onChange={(event) => setFile(event.currentTarget.files?.[0])} />
        </p>
        <button type="submit" class="primary" disabled={busy || file === undefined}>
          {busy ? t('submitting') : t('submitGo')}
        </button>
      </form>
      {issues.length > 0 && <IssueList issues={issues} />}
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}
