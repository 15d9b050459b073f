/**
 * The fast path of `importDocSchema.safeParse` for the lines that are well
 * formed (issue 13: zod was ~40% of reading a 1,000-article JSONL file): a
 * hand-written check of the same rules that builds the same output (known keys
 * only, in the schema's order; ids as strings; records and arrays copied;
 * `meta`'s own keys first, then its others). It answers `undefined` for
 * anything it is not sure of (a bad field, an unusual shape such as gold
 * provenance); the caller then runs the schema, which gives the error
 * messages. Held equal to the schema by property tests
 * (tests/unit/formats/importDocFast.test.ts).
 */
import type { ImportDoc } from './model.js';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const name = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;
const offset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const status = (v: unknown): v is 'submitted' | 'draft' => v === 'submitted' || v === 'draft';

/** Unusual keys (inherited names, `__proto__`) are left to the schema. */
function plainKeys(o: Obj): string[] | undefined {
  const keys = Object.keys(o);
  return keys.includes('__proto__') ? undefined : keys;
}

/** `idSchema`: a string of 1–200 UTF-16 units, or a safe integer made a string. */
function id(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length >= 1 && v.length <= 200 ? v : undefined;
  return Number.isSafeInteger(v) ? String(v) : undefined;
}

const UNSURE = Symbol('unsure');

/** Whether an optional key is given; one given as `undefined` is left to the schema (JSON never gives one). */
function present(o: Obj, k: string): boolean {
  if (o[k] !== undefined) return true;
  if (k in o) throw UNSURE;
  return false;
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const keys = plainKeys(v);
  if (!keys) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) {
    const x = v[k];
    if (typeof x !== 'string') return undefined;
    out[k] = x;
  }
  return out;
}

function names(v: unknown, max: number): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const x of v) if (!name(x, max)) return undefined;
  return v.slice() as string[];
}

type Span = NonNullable<ImportDoc['spans']>[number];

function span(v: unknown): Span | undefined {
  if (!isObject(v) || present(v, 'provenance')) return undefined;
  const out = {} as Span;
  if (present(v, 'id')) {
    const i = id(v.id);
    if (i === undefined) return undefined;
    out.id = i;
  }
  if (!offset(v.start) || !offset(v.end) || !name(v.label, 100) || !name(v.annotator, 100)) return undefined;
  out.start = v.start;
  out.end = v.end;
  out.label = v.label;
  out.annotator = v.annotator;
  if (present(v, 'attributes')) {
    const a = stringRecord(v.attributes);
    if (!a) return undefined;
    out.attributes = a;
  }
  if (present(v, 'note')) {
    if (typeof v.note !== 'string' && v.note !== null) return undefined;
    out.note = v.note;
  }
  if (present(v, 'quote')) {
    if (typeof v.quote !== 'string') return undefined;
    out.quote = v.quote;
  }
  if (present(v, 'status')) {
    if (!status(v.status)) return undefined;
    out.status = v.status;
  }
  return out;
}

function list<T>(v: unknown, item: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = item(v[i]);
    if (x === undefined) return undefined;
    out[i] = x;
  }
  return out;
}

function relation(v: unknown): { from: string; to: string; type: string } | undefined {
  if (!isObject(v)) return undefined;
  const from = id(v.from);
  const to = id(v.to);
  return from !== undefined && to !== undefined && name(v.type, 100) ? { from, to, type: v.type } : undefined;
}

function annotator(v: unknown): { annotator: string; status: 'submitted' | 'draft' } | undefined {
  return isObject(v) && name(v.annotator, 100) && status(v.status) ? { annotator: v.annotator, status: v.status } : undefined;
}

const META_KEYS = ['title', 'source', 'url', 'publishedAt'];

/** `exportDocMetaSchema` (loose): its four strings first when present, then every other key as it is. */
function meta(v: unknown): ImportDoc['meta'] | undefined {
  if (!isObject(v)) return undefined;
  const keys = plainKeys(v);
  if (!keys) return undefined;
  const out: Obj = {};
  for (const k of META_KEYS)
    if (present(v, k)) {
      if (typeof v[k] !== 'string') return undefined;
      out[k] = v[k];
    }
  for (const k of keys) if (!META_KEYS.includes(k)) out[k] = v[k];
  return out;
}

function attributeKeys(v: unknown): Record<string, string[]> | undefined {
  if (!isObject(v)) return undefined;
  const keys = plainKeys(v);
  if (!keys) return undefined;
  const out: Record<string, string[]> = {};
  for (const k of keys) {
    const list = names(v[k], 100);
    if (!list) return undefined;
    out[k] = list;
  }
  return out;
}

/** What `importDocSchema.safeParse(value).data` would be, or `undefined`: ask the schema. */
export function fastImportDoc(value: unknown): ImportDoc | undefined {
  try {
    return build(value);
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}

function build(v: unknown): ImportDoc | undefined {
  if (!isObject(v)) return undefined;
  const out = {} as ImportDoc;
  if (present(v, 'id')) {
    const i = id(v.id);
    if (i === undefined) return undefined;
    out.id = i;
  }
  if (typeof v.text !== 'string') return undefined;
  out.text = v.text;
  const parts: Array<[key: keyof ImportDoc, read: (x: unknown) => unknown]> = [
    ['meta', meta],
    ['spans', (x) => list(x, span)],
    ['relations', (x) => list(x, relation)],
    ['annotators', (x) => list(x, annotator)],
    ['labels', (x) => names(x, 100)],
    ['attributeKeys', attributeKeys],
    ['status', (x) => (status(x) ? x : undefined)],
  ];
  for (const [key, read] of parts)
    if (present(v, key)) {
      const x = read(v[key]);
      if (x === undefined) return undefined;
      (out as Obj)[key] = x;
    }
  return out;
}
