import { z } from 'zod';
import type { AgreementReport } from './agreement/report.js';

/**
 * An export running off the request thread (issue 13): started with
 * `POST /api/projects/:id/export-jobs?<export query>`, watched with
 * `GET /api/export-jobs/:id` (articles done of all), cancelled with
 * `DELETE /api/export-jobs/:id`, downloaded once done from
 * `GET /api/export-jobs/:id/file`.
 */
export interface ExportJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Articles written so far, and in all (0 until the worker has counted them). */
  done: number;
  total: number;
  /** The download's name, once done. */
  fileName: string | null;
  /** Why it failed. */
  error: string | null;
}

export const exportJobParamSchema = z.object({ id: z.string().uuid() });

/**
 * An agreement report computed off the request thread (issue 13), like an
 * export: started with `POST /api/projects/:id/agreement-jobs?<agreement
 * query>` (done at once when the report of the unchanged project is cached),
 * watched with `GET /api/agreement-jobs/:id` (steps done of all; the report
 * once done), cancelled with `DELETE /api/agreement-jobs/:id`.
 */
export interface AgreementJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Steps of the report done so far, and in all (0 until the worker has counted them). */
  done: number;
  total: number;
  /** Why it failed. */
  error: string | null;
  /** The report, once done. */
  report: AgreementReport | null;
}

export const agreementJobParamSchema = z.object({ id: z.string().uuid() });

/** What a project-wide pre-merge did: articles gone through, gold spans merged, open conflicts left, units resolved of all. */
export interface MergeTotals {
  articles: number;
  merged: number;
  open: number;
  units: number;
  resolvedUnits: number;
}

/**
 * A project-wide pre-merge off the request thread (issue 13): started with
 * `POST /api/projects/:id/merge-jobs` (the body of the merge route), watched
 * with `GET /api/merge-jobs/:id` (articles done of all, totals so far),
 * cancelled with `DELETE /api/merge-jobs/:id`: it stops after the article
 * being written, and the articles merged before stay merged.
 */
export interface MergeJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  error: string | null;
  /** The totals so far (final once the job has ended). */
  result: MergeTotals;
}

export const mergeJobParamSchema = z.object({ id: z.string().uuid() });
