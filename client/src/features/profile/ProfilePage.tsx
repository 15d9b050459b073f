import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { FIGURE_NAMES, type ProfileBy, type ProfileGroup } from '@mbw/shared';
import { useArticles, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { SpansBehind, type Opened } from './SpansBehind';
import { SuggestionSettings } from './SuggestionSettings';
import { basisText, download, FIGURE_TITLES, fmtFigure, profileCsv, useProfile } from './profileData';

/** The chart library is loaded with the first chart, not with the workbench. */
const ProfileChart = lazy(() => import('./ProfileChart').then((m) => ({ default: m.ProfileChart })));

const BY: Array<[ProfileBy, string]> = [['outlet', 'Outlet'], ['story', 'Story'], ['article', 'Article']];

function FigureCell({ g, f, onOpen }: { g: ProfileGroup; f: (typeof FIGURE_NAMES)[number]; onOpen: (o: Opened) => void }) {
  const ci = g.ci[f];
  return (
    <td className="num" title={`${FIGURE_TITLES[f]}: ${g.articles} articles, ${g.words} words`}>
      <button
        type="button"
        className="link figure-open"
        aria-label={`${FIGURE_TITLES[f]}, ${g.name}: ${fmtFigure(f, g.figures[f])}. Show the spans behind it`}
        onClick={() => onOpen({ group: g.key, name: g.name, figure: f })}
      >
        {fmtFigure(f, g.figures[f])}
      </button>
      {ci.low !== null && <span className="ci muted"> {fmtFigure(f, ci.low)}–{fmtFigure(f, ci.high)}</span>}
    </td>
  );
}

function ProfileTable({ groups, by, onOpen }: { groups: ProfileGroup[]; by: ProfileBy; onOpen: (o: Opened) => void }) {
  return (
    <div className="table-scroll">
      <table className="figures profile-table">
        <caption className="sr-only">Bias profile by {by}</caption>
        <thead>
          <tr>
            <th scope="col">{by === 'article' ? 'Article' : by === 'outlet' ? 'Outlet' : 'Story'}</th>
            <th scope="col" className="num">Articles</th>
            <th scope="col" className="num">Words</th>
            <th scope="col" className="num" title="Token α of the annotators' spans behind the figures">α</th>
            {FIGURE_NAMES.map((f) => (
              <th scope="col" className="num" key={f}>{FIGURE_TITLES[f]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.name}</th>
              <td className="num">{g.articles}</td>
              <td className="num">{g.words}</td>
              <td className={`num${g.alpha !== null && g.alpha < 0.667 ? ' warn' : ''}`} title={g.alpha !== null && g.alpha < 0.667 ? 'Below 0.667: these figures rest on unreliable annotation' : undefined}>
                {g.alpha === null ? '—' : g.alpha.toFixed(2)}
              </td>
              {FIGURE_NAMES.map((f) => (
                <FigureCell key={f} g={g} f={f} onOpen={onOpen} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The supervisor's media-bias profile of a project: outlets or stories side by side. */
export function ProfilePage({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const articles = useArticles(projectId);
  const [by, setBy] = useState<ProfileBy>('article');
  const [basis, setBasis] = useState('gold');
  const [opened, setOpened] = useState<Opened | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (o: Opened) => {
    opener.current = document.activeElement as HTMLElement | null;
    setOpened(o);
  };
  const close = () => {
    setOpened(null);
    opener.current?.focus(); // back to the figure
  };
  const profile = useProfile(projectId, by, basis);
  const annotators = useMemo(() => [...new Set((articles.data ?? []).flatMap((a) => a.progress.map((p) => p.username)))].sort(), [articles.data]);
  if (project.isError) return <ErrorMessage error={project.error} />;
  const p = profile.data;
  const file = `profile-${projectId}-${by}-${basis}`;
  return (
    <section className="page review" aria-labelledby="profile-title">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link> /
      </p>
      <h1 id="profile-title">Bias profile</h1>
      <p className="muted lede">Sourcing and tone per article, outlet or story: rates are ratios of sums over the group's words, with a 95 % bootstrap interval over articles.</p>
      <div className="row profile-controls">
        <label>
          Group by{' '}
          <select value={by} onChange={(e) => (setBy(e.target.value as ProfileBy), setOpened(null))}>
            {BY.map(([v, name]) => (
              <option key={v} value={v}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Basis{' '}
          <select value={basis} onChange={(e) => (setBasis(e.target.value), setOpened(null))}>
            <option value="gold">Gold where curated, else consensus</option>
            <option value="consensus">Majority consensus</option>
            {annotators.map((u) => (
              <option key={u} value={u}>{u}</option>
            ))}
          </select>
        </label>
        {p && (
          <>
            <button type="button" onClick={() => download(`${file}.csv`, 'text/csv', profileCsv(p))}>Download CSV</button>
            <button type="button" onClick={() => download(`${file}.json`, 'application/json', JSON.stringify(p, null, 2))}>Download JSON</button>
          </>
        )}
      </div>
      {profile.isError && <ErrorMessage error={profile.error} />}
      {!p && profile.isPending && <Loading what="the profile" />}
      {p && (
        <>
          <p className="basis" role="status">{basisText(p)}</p>
          <Suspense fallback={<Loading what="the chart" />}>
            <ProfileChart groups={p.groups} />
          </Suspense>
          <ProfileTable groups={p.groups} by={p.by} onOpen={open} />
          {opened && <SpansBehind projectId={projectId} by={p.by} basis={p.basis} opened={opened} onClose={close} />}
        </>
      )}
      <SuggestionSettings projectId={projectId} />
    </section>
  );
}
