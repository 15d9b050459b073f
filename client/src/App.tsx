import { Link, Route, Switch } from 'wouter';
import { useLogout, useMe } from './api/hooks';
import { UsersPage } from './features/admin/UsersPage';
import { ArticlePage } from './features/articles/ArticlePage';
import { LoginPage } from './features/auth/LoginPage';
import { PasswordPage } from './features/auth/PasswordPage';
import { CuratePage } from './features/curate/CuratePage';
import { CurationQueuePage } from './features/curate/CurationQueuePage';
import { HistoryPage } from './features/history/HistoryPage';
import { ProfilePage } from './features/profile/ProfilePage';
import { ProjectPage } from './features/projects/ProjectPage';
import { ProjectsPage } from './features/projects/ProjectsPage';
import { SchemeSettingsPage } from './features/projects/SchemeSettingsPage';
import { AgreementPage } from './features/review/AgreementPage';
import { ComparePage } from './features/review/ComparePage';
import { ErrorMessage, Loading } from './ui/status';

export function App() {
  const me = useMe();
  const logout = useLogout();
  if (me.isPending) return <Loading what="the workbench" />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!me.data) return <LoginPage />;
  const user = me.data;
  const supervises = user.role !== 'annotator';
  return (
    <div className="app">
      <header className="topbar">
        <Link href="/" className="brand">
          Media Bias Workbench
        </Link>
        <nav aria-label="Main">
          <Link href="/">Projects</Link>
          {supervises && <Link href="/users">Accounts</Link>}
          <Link href="/account">My password</Link>
        </nav>
        <div className="who">
          <span title={`Signed in as ${user.username} (${user.role})`}>
            {user.displayName} <span className="role">{user.role}</span>
          </span>
          <button type="button" className="quiet" onClick={() => logout.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <Switch>
          <Route path="/">{() => <ProjectsPage user={user} />}</Route>
          <Route path="/projects/:id">{(p) => <ProjectPage id={Number(p.id)} user={user} />}</Route>
          <Route path="/projects/:id/agreement">{(p) => (supervises ? <AgreementPage projectId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/projects/:id/agreement/articles/:articleId">
            {(p) => (supervises ? <ComparePage projectId={Number(p.id)} articleId={Number(p.articleId)} /> : <NotFound />)}
          </Route>
          <Route path="/projects/:id/profile">{(p) => (supervises ? <ProfilePage projectId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/projects/:id/settings">{(p) => (supervises ? <SchemeSettingsPage projectId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/projects/:id/curation">{(p) => (supervises ? <CurationQueuePage projectId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/articles/:id/curate">{(p) => (supervises ? <CuratePage articleId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/articles/:id/history">{(p) => (supervises ? <HistoryPage articleId={Number(p.id)} /> : <NotFound />)}</Route>
          <Route path="/articles/:id">{(p) => <ArticlePage id={Number(p.id)} user={user} />}</Route>
          <Route path="/account">{() => <PasswordPage user={user} />}</Route>
          <Route path="/users">{() => (supervises ? <UsersPage user={user} /> : <NotFound />)}</Route>
          <Route>{() => <NotFound />}</Route>
        </Switch>
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to the projects</Link>
      </p>
    </section>
  );
}
