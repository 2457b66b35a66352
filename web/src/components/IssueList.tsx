import type { Issue } from '../api';
import { t } from '../i18n';

/** A refused data set's problems, each with the JSON path of what is wrong. */
export function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <div class="error" role="alert">
      <p>{t('issuesTitle', { n: issues.length })}</p>
      <table class="data issues">
        <thead>
          <tr>
            <th scope="col">{t('issuePath')}</th>
            <th scope="col">{t('issueMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr>
              <td>
                <code>{issue.path}</code>
              </td>
              <td>{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
