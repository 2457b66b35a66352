import { label } from '../i18n';
import type { Status } from '../types';

export function StatusBadge({ status }: { status: Status }) {
  return <span class={`badge status-${status}`}>{label('status', status)}</span>;
}
