import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { User } from '@mbw/shared';
import { useCreateProject, useProjects } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { ArchivedProjects } from './ArchivedProjects';

export function ProjectsPage({ user }: { user: User }) {
  const projects = useProjects();
  const supervises = user.role !== 'annotator';
  return (
    <section className="page">
      <h1>Projects</h1>
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorMessage error={projects.error} />}
      {projects.data?.length === 0 && (
        <p className="empty">
          {supervises ? 'No projects yet. Create the first one below.' : 'No work is assigned to you yet. Your supervisor will assign articles.'}
        </p>
      )}
      <ul className="project-list" aria-label="Projects">
        {projects.data?.map((p) => (
          <li key={p.id} className="card">
            <Link href={`/projects/${p.id}`} className="project-name">
              {p.name}
            </Link>
            {p.description && <p className="muted">{p.description}</p>}
            <p className="meta">
              {p.articleCount} {p.articleCount === 1 ? 'article' : 'articles'}
            </p>
          </li>
        ))}
      </ul>
      {supervises && <ArchivedProjects admin={user.role === 'admin'} />}
      {supervises && <NewProjectForm />}
    </section>
  );
}

function NewProjectForm() {
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, description: description || undefined }, { onSuccess: () => (setName(''), setDescription('')) });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New project">
      <h2>New project</h2>
      <p className="muted">A new project starts with the default scheme: attribution, evaluative language, unsupported claim.</p>
      <label>
        Project name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} />
      </label>
      {create.isError && <ErrorMessage error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        Create project
      </button>
    </form>
  );
}
