/**
 * A file name for an article in a multi-file export (WebAnno TSV, brat):
 * the article id percent-encoded, so any id gives a safe name and distinct
 * ids give distinct names.
 */
export function articleFileName(id: string, extension: string): string {
  const name = encodeURIComponent(id).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return (name === '.' || name === '..' ? name.replace(/\./g, '%2E') : name) + extension;
}
