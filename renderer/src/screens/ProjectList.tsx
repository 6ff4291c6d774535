import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Project } from '../../../app/core/model';
import { billingView } from '../../../app/core/dates';
import { noBillingLabel, planLabel } from '../../../app/core/labels';
import {
  CHIP_LABELS,
  type ChipKey,
  type SortKey,
  SERVICE_LABELS,
  SORT_LABELS,
  attentionText,
  countByStatus,
  filterProjects,
  formatCount,
  indexProjects,
  matchesChip,
  pluralize,
  sortProjects,
} from '../lib/project-list';
import { StatusBadge } from '../components/StatusBadge';
import { VirtualList } from '../components/VirtualList';
import { useNow } from '../state/use-now';
import {
  type PhoneState,
  type PhoneStates,
  isPhoneProject,
  phoneOf,
  projectNeedsAttention,
} from '../../../app/core/phone-state';
import { PhoneBadge } from '../components/PhoneBadge';

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

/** What the list keeps while a project's detail is open: filter, chip, sort, scroll, and the row opened.
 *  Owned by the App (a ref, so typing does not re-render it), read once when the list mounts again. */
export interface ListPlace {
  query: string;
  chip: ChipKey;
  sort: SortKey;
  scrollTop: number;
  openedId?: number;
}
export const INITIAL_LIST_PLACE: ListPlace = { query: '', chip: 'all', sort: 'name', scrollTop: 0 };

interface Props {
  projects: readonly Project[];
  phones?: PhoneStates;
  onShowQr: (project: Project) => void;
  awaiting?: AwaitingFirstAnswer;
  place?: ListPlace;
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
      <AddByHandLink />
    </div>
  );
}

/** When the account lists nothing (or Picky Assist refuses to list), a project can be added by hand. */
function AddByHandLink() {
  return (
    <p className="hint">
      Your account can't list projects? <a href="#/add">Add a project…</a> by hand with its license key.
    </p>
  );
}

const ProjectRow = memo(function ProjectRow({
  project,
  phone,
  now,
  onShowQr,
  onOpen,
}: {
  project: Project;
  /** Undefined for projects without a phone to check (WhatsApp Official, deleted, no token). */
  phone: PhoneState | undefined | 'none';
  now: number;
  onShowQr: (project: Project) => void;
  onOpen: (id: number) => void;
}) {
  const billing = billingView(project, now);
  const sub = [project.companyName, project.number].filter(Boolean).join(' · ');
  const attention = attentionText(project, now);
  return (
    <div className="row">
      <div className="row-main">
        <a
          className="row-name"
          href={`#/project/${project.id}`}
          data-project-id={project.id}
          onClick={() => onOpen(project.id)}
        >
          {project.name || `Project ${project.id}`}
        </a>
        {project.source === 'manual' ? <span className="tag tag-manual">added by hand</span> : null}
        <span className={`row-sub${attention ? ' row-sub-wide' : ''}`}>{sub || '—'}</span>
        {/* Where the billing column is hidden (narrow windows), what needs attention shows under the name. */}
        {attention ? <span className="row-sub row-attention soon">{attention}</span> : null}
      </div>
      <div className="row-col">
        <span>{SERVICE_LABELS[project.service]}</span>
        <span className="row-sub">{planLabel(project)}</span>
      </div>
      <div className="row-col">
        <span>{billing ? ('unreadable' in billing ? billing.unreadable : billing.text) : noBillingLabel(project)}</span>
        <span className={`row-sub${billing && 'soon' in billing && billing.soon ? ' soon' : ''}`}>
          {billing && 'relative' in billing ? billing.relative : ''}
        </span>
      </div>
      <div className="row-status">
        <StatusBadge status={project.status} text={project.statusText} />
        {phone === 'none' ? null : <PhoneBadge phone={phone} now={now} />}
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

export function ProjectList({ projects, phones, onShowQr, awaiting, place: given }: Props) {
  const [own] = useState<ListPlace>(() => ({ ...INITIAL_LIST_PLACE }));
  const place = given ?? own;
  const now = useNow(60_000);
  const onOpen = useCallback(
    (id: number) => {
      place.openedId = id;
    },
    [place],
  );
  const [query, setQuery] = useState(place.query);
  const [sort, setSort] = useState<SortKey>(place.sort);
  const [chip, setChip] = useState<ChipKey>(place.chip);
  // Typing stays responsive: React renders the filtered list at low priority behind the keystroke.
  const deferredQuery = useDeferredValue(query);
  const filter = useRef<HTMLInputElement>(null);

  // Kept for the way back from a project's detail.
  useEffect(() => {
    place.query = query;
    place.sort = sort;
    place.chip = chip;
  }, [place, query, sort, chip]);

  // Focus: back from a detail, the row that was opened; otherwise the filter. Ctrl/⌘+F focuses the filter.
  const [returning] = useState(() => place.openedId);
  useLayoutEffect(() => {
    const row =
      returning === undefined
        ? null
        : document.querySelector<HTMLElement>(`.row-name[data-project-id="${String(returning)}"]`);
    if (row) row.focus({ preventScroll: true });
    else filter.current?.focus();
  }, [returning]);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        filter.current?.focus();
        filter.current?.select();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const indexed = useMemo(() => indexProjects(projects), [projects]);
  // Phone states change a few times a minute: only the phone and attention sorts and the attention chip depend on
  // them.
  const phonesForSort = sort === 'phone' || sort === 'attention' ? phones : undefined;
  const phonesForChip = chip === 'attention' ? phones : undefined;
  const sorted = useMemo(() => sortProjects(indexed, sort, now, phonesForSort), [indexed, sort, now, phonesForSort]);
  const chosen = useMemo(
    () => (chip === 'all' ? sorted : sorted.filter((item) => matchesChip(item.project, chip, now, phonesForChip))),
    [sorted, chip, now, phonesForChip],
  );
  const visible = useMemo(() => filterProjects(chosen, deferredQuery), [chosen, deferredQuery]);
  const counts = useMemo(() => countByStatus(projects), [projects]);
  const attentionCount = useMemo(
    () => projects.filter((p) => projectNeedsAttention(p, phones, now)).length,
    [projects, phones, now],
  );
  const chipCount: Record<ChipKey, number> = {
    all: projects.length,
    active: counts.active,
    expired: counts.expired,
    deleted: counts.deleted,
    attention: attentionCount,
  };

  const narrowed = deferredQuery.trim() !== '' || chip !== 'all';
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
            ref={filter}
            id="filter"
            className="input search"
            type="search"
            placeholder="Filter by name, number, service, plan or status"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-keyshortcuts="Control+F Meta+F"
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
          {narrowed
            ? `Showing ${formatCount(visible.length)} of ${pluralize(projects.length, 'project', 'projects')}`
            : pluralize(projects.length, 'project', 'projects')}
        </p>
        <div className="count-chips" role="group" aria-label="Show">
          {(Object.keys(CHIP_LABELS) as ChipKey[]).map((k) => (
            <button
              key={k}
              type="button"
              className={`chip chip-button chip-${k}`}
              aria-pressed={chip === k}
              onClick={() => setChip(chip === k && k !== 'all' ? 'all' : k)}
            >
              {CHIP_LABELS[k]} <span className="chip-count">{formatCount(chipCount[k])}</span>
            </button>
          ))}
        </div>
      </div>
      {projects.length === 0 && awaiting ? (
        <AwaitingAnswer awaiting={awaiting} />
      ) : projects.length === 0 ? (
        <div className="empty">
          <p>No projects in this account yet.</p>
          <AddByHandLink />
        </div>
      ) : visible.length === 0 ? (
        <p className="empty">
          {deferredQuery.trim() !== ''
            ? `No projects match “${deferredQuery.trim()}”${chip !== 'all' ? ` in ${CHIP_LABELS[chip]}` : ''}.`
            : `No projects in ${CHIP_LABELS[chip]}.`}
        </p>
      ) : (
        <div className="list-frame">
          <div className="list-header row" aria-hidden="true">
            <span>Name</span>
            <span className="list-header-col">Service · plan</span>
            <span className="list-header-col">Next billing</span>
            <span>Status · phone</span>
            <span />
          </div>
          <VirtualList
            label="Projects"
            itemCount={visible.length}
            rowHeight={ROW_HEIGHT}
            resetKey={`${deferredQuery}|${sort}|${chip}`}
            initialScrollTop={returning === undefined ? 0 : place.scrollTop}
            onScrollTopChange={(top) => (place.scrollTop = top)}
            rowKey={(i) => visible[i]?.project.id ?? i}
            renderRow={(i) => {
              const item = visible[i];
              if (!item) return null;
              const p = item.project;
              const phone = isPhoneProject(p) ? phoneOf(phones, p.id) : 'none';
              return <ProjectRow project={p} phone={phone} now={now} onShowQr={onShowQr} onOpen={onOpen} />;
            }}
          />
        </div>
      )}
    </section>
  );
}
