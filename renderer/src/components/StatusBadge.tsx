import type { ProjectStatus } from '../../../app/core/model';
import { STATUS_LABELS } from '../lib/project-list';

/** Colour AND text: the word carries the meaning, the colour only helps. */
export function StatusBadge({ status, text }: { status: ProjectStatus; text?: string }) {
  const label = status === 'unknown' && text ? text : STATUS_LABELS[status];
  return (
    <span className={`badge badge-${status}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
