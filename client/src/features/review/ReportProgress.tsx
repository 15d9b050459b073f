import type { ReportProgress } from './hooks';

/**
 * A report that takes a while (issue 13): how far the server has got, and a
 * button to stop it; once stopped, a way to compute it again.
 */
export function ReportProgressBar({
  progress,
  cancelled,
  hasReport,
  onCancel,
  onResume,
}: {
  progress: ReportProgress | null;
  cancelled: boolean;
  /** A report from before is on the page. */
  hasReport: boolean;
  onCancel: () => void;
  onResume: () => void;
}) {
  if (cancelled)
    return (
      <div className="row report-progress" role="status">
        <span className="muted small">{hasReport ? 'Report cancelled: the figures below are from before.' : 'Report cancelled.'}</span>
        <button type="button" className="button" onClick={onResume}>
          Compute the report again
        </button>
      </div>
    );
  if (!progress) return null;
  const percent = progress.total ? Math.floor((100 * progress.done) / progress.total) : 0;
  return (
    <div className="row report-progress">
      <progress aria-label="Agreement report progress" max={progress.total || 1} value={progress.done} />
      <span className="muted small" role="status">
        {progress.total ? `Computing the report: ${percent}%` : 'Starting the report…'}
      </span>
      <button type="button" className="button" onClick={onCancel}>
        Cancel report
      </button>
    </div>
  );
}
