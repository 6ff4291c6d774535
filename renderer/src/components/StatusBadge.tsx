import type { ProjectStatus } from '../../../app/core/model';
import { statusLabel } from '../../../app/core/labels';

/** Colour AND text: the word carries the meaning, the colour only helps. */
export function StatusBadge({ status, text }: { status: ProjectStatus; text?: string }) {
  const label = statusLabel({ status, statusText: text });
  return (
    <span className={`badge badge-${status}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
