import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshWorkbench } from './harness.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** A fixture file of tests/fixtures as text. */
export const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');

/** A zip of text files, as other tools export them. */
export const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

/** A fresh workbench with one empty project, and a POST of a file to its import route as the admin. */
export async function importScene(name: string) {
  const wb = await freshWorkbench({ seed: false });
  const admin = await wb.admin();
  const projectId: number = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name } })).data.project.id;
  const post = async (body: string | Uint8Array, query: string, type = 'application/octet-stream') => {
    const res = await wb.app.request(`/api/projects/${projectId}/import?${query}`, { method: 'POST', headers: { cookie: admin, origin: 'http://localhost', 'content-type': type }, body: body as BodyInit });
    return { status: res.status, data: await res.json() };
  };
  return { wb, admin, projectId, post };
}

export type ImportScene = Awaited<ReturnType<typeof importScene>>;
