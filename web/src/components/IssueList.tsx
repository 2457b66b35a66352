import type { Issue } from '../api';
import { currentLang, t } from '../i18n';
import { issueMessage } from '../messages';

/** A refused data set's problems, each with the JSON path of what is wrong. */
export function IssueList({ issues }: { issues: Issue[] }) {
  const inWorkbook = issues.some((issue) => issue.sheet !== undefined);
  return (
    <div class="error" role="alert">
      <p>{t('issuesTitle', { n: issues.length })}</p>
      <table class="data issues">
        <thead>
          <tr>
            {inWorkbook && <th scope="col">{t('issueCell')}</th>}
            <th scope="col">{t('issuePath')}</th>
            <th scope="col">{t('issueMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr>
              {inWorkbook && <td>{issue.sheet === undefined ? '' : `${issue.sheet} ${issue.cell ?? ''}`}</td>}
              <td>
                <code>{issue.path}</code>
              </td>
              <td>{issueMessage(issue, currentLang())}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
