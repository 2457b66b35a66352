import { label } from '../i18n';
import type { VersionStatus } from '../types';

export function StatusBadge({ status }: { status: VersionStatus }) {
  return <span class={`badge status-${status}`}>{label('status', status)}</span>;
}
