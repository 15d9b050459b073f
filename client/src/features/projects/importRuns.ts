import { useEffect, useState } from 'react';
import type { ImportAnnotator, ImportFormat, ImportJob as ServerJob, ImportLabel, OnDuplicate } from '@mbw/shared';
import { ApiRequestError } from '../../api/client';
import { cancelImportJob, importJobNow, startImportJob, uploadImport } from '../../api/upload';
import type { FileOutcome } from './ImportOutcomes';
import { DEFAULT_READER_CHOICE, type ReaderChoice } from './ReaderOptions';

/** The format to ask for: the one chosen, else `txt` for a .txt file, else none (the server detects it). */
export const formatFor = (f: File, chosen: ImportFormat | 'detect'): ImportFormat | undefined => (chosen !== 'detect' ? chosen : /\.txt$/i.test(f.name) ? 'txt' : undefined);

/** A refusal as an outcome: the message and, when the server lists them, the bad lines. */
export function failure(name: string, e: unknown): FileOutcome {
  const details = e instanceof ApiRequestError ? (e.details as { errors?: FileOutcome['lines'] } | undefined) : undefined;
  return { name, error: e instanceof Error ? e.message : String(e), lines: details?.errors };
}

/**
 * Dry runs of the chosen files (nothing is written): what each would import
 * and skip, and every annotator the files name, for the mapping step.
 * Runs again when the files or the duplicate rule change.
 */
export function useImportPreview(projectId: number, files: File[], onDuplicate: OnDuplicate, chosen: ImportFormat | 'detect', reading: ReaderChoice = DEFAULT_READER_CHOICE) {
  const [state, setState] = useState<{ checking: boolean; outcomes: FileOutcome[] }>({ checking: false, outcomes: [] });
  useEffect(() => {
    if (!files.length) return void setState({ checking: false, outcomes: [] });
    let cancelled = false;
    setState({ checking: true, outcomes: [] });
    void (async () => {
      const outcomes: FileOutcome[] = [];
      for (const f of files) {
        try {
          const format = formatFor(f, chosen);
          outcomes.push({ name: f.name, result: await uploadImport(projectId, f, { ...(format ? { format } : {}), onDuplicate, ...reading, dryRun: true }) });
        } catch (e) {
          outcomes.push(failure(f.name, e));
        }
      }
      if (!cancelled) setState({ checking: false, outcomes });
    })();
    return () => {
      cancelled = true;
    };
  }, [projectId, files, onDuplicate, chosen, reading]);

  // One row per name across the files (its first file's line and all its spans).
  const annotators = new Map<string, ImportAnnotator>();
  for (const o of state.outcomes)
    for (const a of o.result?.annotators ?? []) {
      const seen = annotators.get(a.name);
      annotators.set(a.name, seen ? { ...seen, spans: seen.spans + a.spans } : a);
    }
  // One row per label across the files, with all its spans.
  const labels = new Map<string, ImportLabel>();
  for (const o of state.outcomes)
    for (const l of o.result?.labels ?? []) {
      const seen = labels.get(l.name);
      labels.set(l.name, seen ? { ...seen, spans: seen.spans + l.spans } : l);
    }
  return { ...state, annotators: [...annotators.values()], labels: [...labels.values()] };
}

export interface ImportJob {
  name: string;
  body: Blob | string;
  format?: ImportFormat;
  size: number;
}

/** The files (or pasted text) to import, each as one request. */
export const importJobs = (files: File[], pasted: string, formats: Map<string, ImportFormat | undefined>): ImportJob[] =>
  files.length
    ? files.map((f) => ({ name: f.name, body: f, format: formats.get(f.name), size: f.size }))
    : [{ name: 'Pasted text', body: pasted, format: 'txt', size: pasted.length }];

/** Where an import stands: the file, its stage (sent, its file checked, its articles written) and the share of all the work done. */
export interface ImportProgress {
  name: string;
  stage: 'sending' | 'reading' | 'writing';
  done: number;
  total: number;
  /** 0 to 1, over all files (each weighs its size: a third sending, a third checking, a third writing). */
  share: number;
}

/** Set `cancelled` to stop: the file being imported is cancelled (nothing of it is written) and the rest are not sent. */
export interface ImportStop {
  cancelled: boolean;
}

const POLL_MS = 300;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a job until it ends (cancelling it when asked), reporting each view. */
async function follow(job: ServerJob, stop: ImportStop, onView: (job: ServerJob) => void): Promise<ServerJob> {
  let current = job;
  while (current.state === 'running') {
    if (stop.cancelled) return cancelImportJob(current.id).then(() => ({ ...current, state: 'cancelled' }));
    await wait(POLL_MS);
    current = await importJobNow(current.id);
    onView(current);
  }
  return current;
}

/**
 * Imports the files one after the other, each as an import job (its own
 * transaction, run by the server in the background), reporting progress
 * and each outcome as it comes.
 */
export async function runImports(
  projectId: number,
  jobs: ImportJob[],
  options: { onDuplicate: OnDuplicate; annotatorMap: Record<string, string>; labelMap: Record<string, string> } & ReaderChoice,
  onProgress: (p: ImportProgress) => void,
  onOutcomes: (done: FileOutcome[]) => void,
  stop: ImportStop = { cancelled: false },
): Promise<FileOutcome[]> {
  const total = Math.max(1, jobs.reduce((n, j) => n + j.size, 0));
  const done: FileOutcome[] = [];
  let before = 0;
  for (const job of jobs) {
    if (stop.cancelled) break;
    const report = (stage: ImportProgress['stage'], part: number, d: number, t: number) =>
      onProgress({ name: job.name, stage, done: d, total: t, share: (before + job.size * ((['sending', 'reading', 'writing'].indexOf(stage) + Math.min(1, part)) / 3)) / total });
    try {
      const started = await startImportJob(projectId, job.body, { ...(job.format ? { format: job.format } : {}), ...options }, (s) => report('sending', s, Math.round(s * job.size), job.size));
      const end = await follow(started, stop, (v) => v.state === 'running' && report(v.phase, v.total ? v.done / v.total : 0, v.done, v.total));
      if (end.state === 'done') done.push({ name: job.name, result: end.result! });
      else if (end.state === 'cancelled') done.push({ name: job.name, error: 'Cancelled: nothing of this file was imported.' });
      else done.push(failure(job.name, new ApiRequestError(422, end.error?.code ?? 'failed', end.error?.message ?? 'The import failed.', end.error?.details)));
    } catch (err) {
      done.push(failure(job.name, err));
    }
    before += job.size;
    onOutcomes([...done]);
  }
  return done;
}
