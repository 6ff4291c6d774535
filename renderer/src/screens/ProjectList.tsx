import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { Project } from '../../../app/core/model';
import { billingView } from '../../../app/core/dates';
import { planLabel } from '../../../app/core/labels';
import {
  type SortKey,
  SERVICE_LABELS,
  SORT_LABELS,
  STATUS_LABELS,
  countByStatus,
  filterProjects,
  formatCount,
  indexProjects,
  pluralize,
  sortProjects,
} from '../lib/project-list';
import { PROJECT_STATUSES } from '../../../app/core/model-values';
import { StatusBadge } from '../components/StatusBadge';
import { VirtualList } from '../components/VirtualList';
import { useNow } from '../state/use-now';

const ROW_HEIGHT = 72;

/** Set while no answer from Picky Assist has ever arrived for this token (nothing to list, nothing cached). */
export interface AwaitingFirstAnswer {
  /** The token was saved with "Save and keep trying". */
  unchecked: boolean;
  /** "10:42", when the next attempt is scheduled. */
  nextTryAt?: string;
  trying: boolean;
  onTryNow: () => void;
}

interface Props {
  projects: readonly Project[];
  onShowQr: (project: Project) => void;
  awaiting?: AwaitingFirstAnswer;
}

function AwaitingAnswer({ awaiting }: { awaiting: AwaitingFirstAnswer }) {
  const head = awaiting.unchecked ? 'Token saved, not checked yet' : 'No projects loaded yet';
  return (
    <div className="empty awaiting" role="status">
      <p>
        {head} — projects appear when Picky Assist answers.
        {awaiting.nextTryAt ? ` Next try at ${awaiting.nextTryAt}.` : ''}
      </p>
      <button
        type="button"
        className="button"
        disabled={awaiting.trying}
        aria-busy={awaiting.trying}
        onClick={awaiting.onTryNow}
      >
        {awaiting.trying ? 'Trying…' : 'Try now'}
      </button>
    </div>
  );
}

const ProjectRow = memo(function ProjectRow({
  project,
  now,
  onShowQr,
}: {
  project: Project;
  now: number;
  onShowQr: (project: Project) => void;
}) {
  const billing = billingView(project, now);
  const sub = [project.companyName, project.number].filter(Boolean).join(' · ');
  return (
    <div className="row">
      <div className="row-main">
        <a className="row-name" href={`#/project/${project.id}`}>
          {project.name || `Project ${project.id}`}
        </a>
        <span className="row-sub">{sub || '—'}</span>
      </div>
      <div className="row-col">
        <span>{SERVICE_LABELS[project.service]}</span>
        <span className="row-sub">{planLabel(project)}</span>
      </div>
      <div className="row-col">
        <span>{billing ? ('unreadable' in billing ? billing.unreadable : billing.text) : 'No billing date'}</span>
        <span className={`row-sub${billing && 'soon' in billing && billing.soon ? ' soon' : ''}`}>
          {billing && 'relative' in billing ? billing.relative : ''}
        </span>
      </div>
      <div className="row-status">
        <StatusBadge status={project.status} text={project.statusText} />
      </div>
      <div className="row-action">
        {project.service === 'phone-automation' ? (
          <button
            type="button"
            className="button small"
            aria-label={`Show QR for ${project.name}`}
            onClick={() => onShowQr(project)}
          >
            Show QR
          </button>
        ) : null}
      </div>
    </div>
  );
});

export function ProjectList({ projects, onShowQr, awaiting }: Props) {
  const now = useNow(60_000);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  // Typing stays responsive: React renders the filtered list at low priority behind the keystroke.
  const deferredQuery = useDeferredValue(query);

  const indexed = useMemo(() => indexProjects(projects), [projects]);
  const sorted = useMemo(() => sortProjects(indexed, sort), [indexed, sort]);
  const visible = useMemo(() => filterProjects(sorted, deferredQuery), [sorted, deferredQuery]);
  const counts = useMemo(() => countByStatus(projects), [projects]);

  const filtering = deferredQuery.trim() !== '';
  return (
    <section className="list-screen" aria-labelledby="list-title">
      <div className="list-toolbar">
        <h1 id="list-title" className="screen-title">
          Projects
        </h1>
        <div className="toolbar-controls">
          <label className="visually-hidden" htmlFor="filter">
            Filter projects
          </label>
          <input
            id="filter"
            className="input search"
            type="search"
            placeholder="Filter by name, number, company or keyword"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <label className="inline-label" htmlFor="sort">
            Sort by
          </label>
          <select id="sort" className="input select" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="counts">
        <p className="count-total" role="status">
          {filtering
            ? `Showing ${formatCount(visible.length)} of ${pluralize(projects.length, 'project', 'projects')}`
            : pluralize(projects.length, 'project', 'projects')}
        </p>
        <ul className="count-chips" aria-label="Counts by status">
          {PROJECT_STATUSES.filter((s) => counts[s] > 0 || s !== 'unknown').map((s) => (
            <li key={s} className={`chip chip-${s}`}>
              {formatCount(counts[s])} {STATUS_LABELS[s]}
            </li>
          ))}
        </ul>
      </div>
      {projects.length === 0 && awaiting ? (
        <AwaitingAnswer awaiting={awaiting} />
      ) : projects.length === 0 ? (
        <p className="empty">No projects in this account yet.</p>
      ) : visible.length === 0 ? (
        <p className="empty">No projects match “{deferredQuery.trim()}”.</p>
      ) : (
        <VirtualList
          label="Projects"
          itemCount={visible.length}
          rowHeight={ROW_HEIGHT}
          resetKey={`${deferredQuery}|${sort}`}
          rowKey={(i) => visible[i]?.project.id ?? i}
          renderRow={(i) => {
            const item = visible[i];
            return item ? <ProjectRow project={item.project} now={now} onShowQr={onShowQr} /> : null;
          }}
        />
      )}
    </section>
  );
}
