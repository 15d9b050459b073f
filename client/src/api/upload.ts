import type { ApiErrorBody } from '@mbw/shared';
import { ApiRequestError } from './client';

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
