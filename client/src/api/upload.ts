import type { ApiErrorBody, ImportFormat, ImportJob, ImportResult, OnDuplicate } from '@mbw/shared';
import { api, ApiRequestError, call } from './client';

/**
 * POSTs a body with upload progress (fetch has none): `onProgress` gets the
 * share sent, 0 to 1. Answers the JSON reply, or throws ApiRequestError with
 * the server's message and details.
 */
export function uploadWithProgress<T>(url: string, body: Blob | string, contentType: string, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', 'The server cannot be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as ApiErrorBody | null)?.error;
      reject(new ApiRequestError(xhr.status, err?.code ?? 'http_error', err?.message ?? `Request failed (${xhr.status}).`, err?.details));
    };
    xhr.send(body);
  });
}

export interface ImportRequest {
  /** Left out: the server detects it from the file. */
  format?: ImportFormat;
  /** Labels in the file → project label keys; unmapped foreign labels become new labels. */
  labelMap?: Record<string, string>;
  onDuplicate: OnDuplicate;
  dryRun?: boolean;
  /** Names in the file → existing usernames; unmapped names get new locked accounts. */
  annotatorMap?: Record<string, string>;
  /** brat: a discontinuous span becomes linked fragments (`split`, the default) or refuses the file. */
  discontinuous?: 'split' | 'refuse';
  /** WebAnno TSV: the one span layer to read (empty: every one) and the feature that gives the label (empty: the default). */
  layer?: string;
  feature?: string;
}

function importQuery(req: ImportRequest): URLSearchParams {
  const query = new URLSearchParams({ onDuplicate: req.onDuplicate });
  if (req.format) query.set('format', req.format);
  if (req.dryRun) query.set('dryRun', 'true');
  if (req.discontinuous === 'refuse') query.set('discontinuous', 'refuse');
  if (req.layer) query.set('layer', req.layer);
  if (req.feature) query.set('feature', req.feature);
  if (req.annotatorMap && Object.keys(req.annotatorMap).length) query.set('annotatorMap', JSON.stringify(req.annotatorMap));
  if (req.labelMap && Object.keys(req.labelMap).length) query.set('labelMap', JSON.stringify(req.labelMap));
  return query;
}

const contentType = (req: ImportRequest) => (req.format === 'jsonl' ? 'application/x-ndjson' : req.format === 'txt' ? 'text/plain; charset=utf-8' : 'application/octet-stream');

/**
 * Sends a file to the project's import as it is (raw bytes: the server
 * decodes, and refuses what is not UTF-8 or BOM-marked UTF-16), and waits
 * for the answer (the dry runs of the preview).
 */
export function uploadImport(projectId: number, body: Blob | string, req: ImportRequest, onProgress: (share: number) => void = () => {}) {
  return uploadWithProgress<{ result: ImportResult }>(`/api/projects/${projectId}/import?${importQuery(req)}`, body, contentType(req), onProgress).then((r) => r.result);
}

/** Sends a file as an import job (issue 13): answered once the file is received; the server imports it in the background. */
export function startImportJob(projectId: number, body: Blob | string, req: ImportRequest, onProgress: (share: number) => void = () => {}) {
  return uploadWithProgress<{ job: ImportJob }>(`/api/projects/${projectId}/import-jobs?${importQuery(req)}`, body, contentType(req), onProgress).then((r) => r.job);
}

export const importJobNow = (id: string) => call(api['import-jobs'][':id'].$get({ param: { id } })).then((r) => r.job);
export const cancelImportJob = (id: string) => call(api['import-jobs'][':id'].$delete({ param: { id } })).then((r) => r.job);
