import { useQuery } from '@tanstack/react-query';
import { describeManifest } from '@mbw/shared';
import { api, call } from '../../api/client';
import { ErrorMessage } from '../../ui/status';

/**
 * What an export will hold and what its format cannot represent, counted by
 * the server (`GET /api/projects/:id/export/manifest`) before the download:
 * the same figures as the zips' manifest.json and the command line's stderr.
 */
export function ExportManifestView({ projectId, query }: { projectId: number; query: Record<string, string> }) {
  const manifest = useQuery({
    queryKey: ['projects', projectId, 'export-manifest', query],
    queryFn: async () => (await call(api.projects[':id'].export.manifest.$get({ param: { id: String(projectId) }, query }))).manifest,
  });
  return (
    <section className="export-manifest" aria-label="What the export holds" aria-live="polite" aria-busy={manifest.isFetching}>
      {manifest.isPending && <p className="muted small">Counting what the export holds…</p>}
      {manifest.isError && <ErrorMessage error={manifest.error} />}
      {manifest.data && <ManifestText manifest={manifest.data} />}
    </section>
  );
}

function ManifestText({ manifest }: { manifest: Parameters<typeof describeManifest>[0] }) {
  const { summary, losses } = describeManifest(manifest);
  return (
    <>
      <p className="small">Will export {summary}</p>
      {losses.length ? (
        <ul className="small warning" aria-label="What this format cannot represent">
          {losses.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">This format holds everything exported.</p>
      )}
    </>
  );
}
