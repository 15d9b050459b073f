import { ApiRequestError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** An error as the user should read it: the server's message, never a stack. */
export function ErrorMessage({ error }: { error: unknown }) {
  const message =
    error instanceof ApiRequestError ? error.message : error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
