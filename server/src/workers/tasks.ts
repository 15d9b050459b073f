/**
 * The heavy read-only work that runs off the request thread (issue 13): each
 * task reads the database it is given and returns plain data. The worker
 * calls them on its own read-only connection; the request thread calls them
 * itself only for an in-memory database (tests), which no other thread can
 * open.
 */
import type { MergeOptions } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { controlProgress, projectAgreement } from '../services/agreement.js';
import { exportFile, type ExportFileResult, type ExportRequest } from '../services/exports.js';
import { runImportTask, type ImportTaskArgs, type ImportTaskResult } from '../services/importTask.js';
import { planArticles, type MergePlan } from '../services/premerge.js';

export const tasks = {
  /**
   * The project's agreement report as its JSON in UTF-8, with progress and cancellation through `control` (see
   * controlProgress); in a buffer of its own, which the worker transfers: no copy, no clone to decode (agreementCache.ts).
   */
  agreementJson: async (db: Db, args: { projectId: number; opts: Parameters<typeof projectAgreement>[2] }, control?: Int32Array): Promise<Uint8Array> =>
    new TextEncoder().encode(JSON.stringify(await projectAgreement(db, args.projectId, args.opts, control && controlProgress(control)))),
  /** An export written to a file, with progress and cancellation through `control` (see exportFile). */
  exportFile: (db: Db, args: { projectId: number; req: ExportRequest; file: string }, control?: Int32Array): Promise<ExportFileResult> =>
    exportFile(db, args.projectId, args.req, args.file, control),
  /** An import of an uploaded file, written on the worker's own writable connection, with progress and cancellation (see importTask.ts). */
  importFile: (db: Db, args: ImportTaskArgs, control?: Int32Array): Promise<ImportTaskResult> => runImportTask(db, args, control),
  /** The pre-merge plans of a batch of articles, written by the request thread (see mergeJobs.ts). */
  mergePlans: (db: Db, args: { articleIds: number[]; opts: MergeOptions }): Promise<MergePlan[]> => planArticles(db, args.articleIds, args.opts),
};

export type TaskName = keyof typeof tasks;
export type TaskArgs<K extends TaskName> = Parameters<(typeof tasks)[K]>[1];
/** What a task gives (a task may be async: the worker awaits it). */
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof tasks)[K]>>;

export interface TaskMessage {
  id: number;
  task: TaskName;
  path: string;
  args: unknown;
  /** Shared with the request thread: [0] cancel flag, [1] progress, [2] total (see exportFile, controlProgress). */
  control?: SharedArrayBuffer;
}

export type ResultMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
