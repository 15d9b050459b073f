/**
 * The HTTP contract: every request body and query the server accepts, and
 * the shapes it answers with. Server routes validate with these; the client
 * infers its types from them through the Hono app type.
 */
import { z } from 'zod';
import type { ArticleFlag } from './assignApi.js';
import { passwordSchema } from './password.js';
import { labelSchemeSchema, type LabelDef } from './scheme.js';
import { IMPORT_FORMATS, type ImportFormat } from './formats/foreign/common.js';

export { isCommonPassword, PASSWORD_MAX, PASSWORD_MIN, passwordSchema } from './password.js';

export const roleSchema = z.enum(['admin', 'supervisor', 'annotator']);
export type Role = z.infer<typeof roleSchema>;

export const idParamSchema = z.object({ id: z.coerce.number().int().positive() });
export const uuidParamSchema = z.object({ id: z.string().min(1).max(64) });

// --- accounts ---------------------------------------------------------------

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/**
 * Names that stand for no person where exports and the bias profile name an
 * annotator (`gold` for the curated standard, `consensus` for the majority,
 * `all` for everyone): no account may take them, in any letter case.
 */
export const RESERVED_USERNAMES: readonly string[] = ['gold', 'consensus', 'all'];

export const isReservedUsername = (name: string) => RESERVED_USERNAMES.includes(name.toLowerCase());

export const usernameSchema = z
  .string()
  .min(2)
  .max(50)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'may contain letters, digits, _ . and - only')
  .refine((name) => !isReservedUsername(name), { message: `is reserved (${RESERVED_USERNAMES.join(', ')} name no person in exports and profiles)` });

export const createUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  displayName: z.string().min(1).max(100).optional(),
});

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** A disabled account cannot sign in (issue 10). */
  disabled?: boolean;
  /** A seeded demo account (for looking at): never offered for assignment. */
  demo?: boolean;
  createdAt: string;
}

// --- projects and labels ----------------------------------------------------

export const createProjectSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  labels: labelSchemeSchema.optional(),
});

export interface Project {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  articleCount: number;
}

export type Label = LabelDef;

// --- articles ---------------------------------------------------------------

export const MAX_ARTICLE_CHARS = 2_000_000;

export const articleInputSchema = z.object({
  text: z.string().min(1, 'must not be empty').max(MAX_ARTICLE_CHARS),
  title: z.string().max(500).optional(),
  source: z.string().max(500).optional(),
  /** A grouping of articles covering one story (the bias profile groups by it). */
  story: z.string().max(500).optional(),
  url: z.string().max(2000).optional(),
  publishedAt: z.string().max(100).optional(),
  externalId: z.string().max(200).optional(),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/**
 * What an import does with an article whose `externalId` or text (SHA-256 of
 * the normalised text) is already in the project or earlier in the same
 * import: `skip` it (the default); `replace` the project's article, deleting
 * it with all its work (assignments, spans, links), by the new one; `add` it
 * again.
 */
export const onDuplicateSchema = z.enum(['skip', 'replace', 'add']);
export type OnDuplicate = z.infer<typeof onDuplicateSchema>;

export const importArticlesSchema = z.object({
  articles: z.array(articleInputSchema).min(1).max(10_000),
  onDuplicate: onDuplicateSchema.default('skip'),
});

/** One input that duplicates an article of the project or an earlier input of the same import. */
export interface ArticleDuplicate {
  /** 0-based index of the input (`articles[index]`). */
  index: number;
  externalId: string | null;
  /** The same external id, or the same text. */
  reason: 'externalId' | 'text';
  /** The project's articles it duplicates (empty: only an earlier input). */
  articleIds: number[];
  /** The earlier input of the same import it duplicates, if any. */
  earlier: number | null;
  action: 'skipped' | 'replaced' | 'added';
  /** With `replaced`: what was deleted with the replaced article(s). */
  removed?: { spans: number; assignments: number };
}

/** The answer of `POST /api/projects/:id/articles`. */
export interface ArticlesImported {
  /** The articles created, in input order. */
  articles: ArticleSummary[];
  skipped: number;
  replaced: number;
  duplicates: ArticleDuplicate[];
}

export const assignmentStatusSchema = z.enum(['assigned', 'in_progress', 'submitted']);
export type AssignmentStatus = z.infer<typeof assignmentStatusSchema>;

export interface ArticleProgress {
  annotatorId: number;
  username: string;
  displayName: string;
  status: AssignmentStatus;
  spans: number;
  /** The annotator skipped the article with a reason (issue 10); null: not flagged. */
  flag: ArticleFlag | null;
}

export interface ArticleSummary {
  id: number;
  projectId: number;
  title: string;
  source: string | null;
  story: string | null;
  externalId: string | null;
  length: number;
  progress: ArticleProgress[];
}

export interface Article {
  id: number;
  projectId: number;
  title: string;
  text: string;
  textHash: string;
  length: number;
  source: string | null;
  story: string | null;
  url: string | null;
  publishedAt: string | null;
  externalId: string | null;
  createdAt: string;
  /** The caller's own assignment status, when assigned. */
  myStatus: AssignmentStatus | null;
}

export const createAssignmentsSchema = z
  .object({
    annotatorIds: z.array(z.number().int().positive()).min(1),
    articleIds: z.array(z.number().int().positive()).min(1).optional(),
    perArticle: z.number().int().positive().optional(),
  })
  .refine((v) => v.perArticle === undefined || v.perArticle <= new Set(v.annotatorIds).size, {
    path: ['perArticle'],
    message: 'must not exceed the number of annotators',
  });

// --- annotations ------------------------------------------------------------

const attributesSchema = z.record(z.string(), z.string());

export const createAnnotationSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -').optional(),
  label: z.string().min(1).max(50),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  quote: z.string().optional(),
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).optional(),
});

export const updateAnnotationSchema = z.object({
  version: z.number().int().min(1),
  label: z.string().min(1).max(50).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
  quote: z.string().optional(),
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).nullable().optional(),
});

export const annotationsQuerySchema = z.object({ annotator: z.string().optional() });

export interface Annotation {
  id: string;
  articleId: number;
  label: string;
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, string>;
  note: string | null;
  annotator: string;
  annotatorId: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const relationTypeSchema = z.enum(['attributes']);

export const createRelationSchema = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  /** A relation type of the project's scheme; `attributes`: an attribution (from) attributes the statement (to), as in PARC. */
  type: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a relation type key').default('attributes'),
});

export interface Relation {
  id: number;
  from: string;
  to: string;
  type: string;
  annotator: string;
}

// --- agreement --------------------------------------------------------------

const commaList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .optional();

export const agreementQuerySchema = z.object({
  /** Comma-separated label keys, annotator usernames, article ids to keep (default: all). */
  labels: commaList,
  annotators: commaList,
  articles: commaList,
  /** `true` counts unsubmitted work too. */
  drafts: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
  iterations: z.coerce.number().int().min(0).max(10_000).default(1000),
});

// --- datasets ---------------------------------------------------------------

export const exportFormatSchema = z.enum(['jsonl', 'conll', 'hf', 'hf-labels', 'webanno', 'brat', 'w3c', 'csv']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportQuerySchema = z.object({
  format: exportFormatSchema.default('jsonl'),
  /** `all` annotators, one annotator's username, or `gold`. */
  source: z.string().min(1).max(50).default('all'),
  /** `submitted` work only (as agreement counts it), or `all` assigned work, drafts included. */
  status: z.enum(['submitted', 'all']).default('submitted'),
  /** CoNLL: the CoNLL-2003 shape spaCy's `convert` reads (`token _ _ TAG`, `-DOCSTART- -X- O O`), or `columns` (ids, annotators, one tag column per label). */
  conllShape: z.enum(['columns', 'conll2003']).default('conll2003'),
  /** With `source=gold`: `uncurated` adds the gold so far (pre-merged and decided) of articles not yet curated. */
  include: z.enum(['uncurated']).optional(),
  articles: commaList,
  /** Only one part of a reproducible train/dev/test split by article. */
  split: z.enum(['train', 'dev', 'test']).optional(),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
  ratios: z
    .string()
    .regex(/^\d*\.?\d+,\d*\.?\d+,\d*\.?\d+$/, 'must be three numbers: train,dev,test')
    .default('0.8,0.1,0.1')
    .transform((v) => {
      const [train, dev, test] = v.split(',').map(Number) as [number, number, number];
      return { train, dev, test };
    })
    .refine((r) => r.train + r.dev + r.test > 0, 'must not all be 0'),
});

/** A query parameter holding a JSON object that maps names in a file to names here. */
const jsonMapQuery = (shape: string, target: string) =>
  z
    .string()
    .max(100_000)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a JSON object: ${shape}` });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1).max(100), z.string().min(1, target).max(100)));

/** `annotatorMap`: a name in the file → the username of an existing account. */
const annotatorMapSchema = jsonMapQuery('{"name in the file": "existing username"}', 'must name an existing account');

/** `labelMap`: a label in the file → the key of a label of the project. */
const labelMapSchema = jsonMapQuery('{"label in the file": "label key of the project"}', 'must name a label key of the project');

export const importQuerySchema = z.object({
  /** Detected from the file when left out. */
  format: z.enum(IMPORT_FORMATS).optional(),
  /** Foreign labels → project label keys; an unmapped label that is not a key of the project becomes a new label. */
  labelMap: labelMapSchema.optional(),
  /** brat: a discontinuous span becomes one span per fragment (`split`, linked by `fragment` links) or is refused. */
  discontinuous: z.enum(['split', 'refuse']).default('split'),
  /** WebAnno TSV: the one span layer to read (default: every span layer), and the feature that gives the label. */
  layer: z.string().min(1).max(200).optional(),
  feature: z.string().min(1).max(200).optional(),
  /** CoNLL: the 1-based tag columns, e.g. `2,4` (default: every column of IOB tags after the token). */
  columns: z.string().regex(/^\d{1,2}(,\d{1,2})*$/, 'must be column numbers, e.g. 2,4').transform((v) => v.split(',').map(Number)).optional(),
  onDuplicate: onDuplicateSchema.default('skip'),
  /** `true`: validate and answer what would happen, writing nothing. */
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  annotatorMap: annotatorMapSchema.optional(),
});
export type ImportOptions = Omit<z.infer<typeof importQuerySchema>, 'format'>;

/** An annotator named in an imported file, and the account their work goes to. */
export interface ImportAnnotator {
  /** The name as the file spells it. */
  name: string;
  /** The first line naming it. */
  line: number;
  /** Spans in the file (imported or not). */
  spans: number;
  /** An account with exactly this username exists (it is never used unless mapped). */
  existing: boolean;
  /** `map`: to the existing account of `annotatorMap`; `create`: a new locked account. */
  action: 'map' | 'create';
  /** The account's username; null when the name is no valid username and must be mapped. */
  account: string | null;
  /** Why the name cannot become an account, when it cannot. */
  problem?: string;
}

/** A line that duplicates an article of the project or an earlier line. */
export interface ImportDuplicate extends Omit<ArticleDuplicate, 'index' | 'earlier'> {
  line: number;
  /** The earlier line of the same file it duplicates, if any. */
  earlierLine: number | null;
}

export interface ImportResult {
  /** True when nothing was written (`dryRun=true`): the counts say what would be. */
  dryRun: boolean;
  articles: number;
  spans: number;
  relations: number;
  skipped: number;
  replaced: number;
  duplicates: ImportDuplicate[];
  /** Every annotator named in the file. */
  annotators: ImportAnnotator[];
  /** Annotator accounts the import created (locked: no password until one is set). */
  createdAnnotators: string[];
  /** Names in the file → the existing accounts they were mapped to. */
  mapped: Record<string, string>;
  /** The format read (detected when the request named none). */
  format?: ImportFormat;
  /** Every label of the file and the project label it goes to. */
  labels?: ImportLabel[];
  /** What of the file is not imported, and why (never an error). */
  skippedItems?: Array<{ line: number; where: string; reason: string }>;
  /** Texts of another tool's file changed on the way in (made Unicode NFC, offsets moved with them), and how. */
  changedText?: Array<{ line: number; where: string; reason: string }>;
  /** brat: what the upload's `annotation.conf` declares and how the import uses it. */
  conf?: ImportConf;
}

/** How an import used the scheme its file declares (brat's `annotation.conf`). */
export interface ImportConf {
  where: string;
  /** Declared span types no span uses: not created (never an error). */
  declaredUnused: string[];
  /** Relation types the import creates or extends (keys), from the declared ones the file's links use. */
  relationTypes: string[];
  /** Spans the conf does not declare as they are: kept, and said so. */
  conflicts: Array<{ line: number; where: string; reason: string }>;
}

/** A label as a file names it, and the project label its spans go to. */
export interface ImportLabel {
  name: string;
  spans: number;
  /** `existing`: a key of the project; `map`: through `labelMap`; `create`: a new label of the project; `unknown`: refused (JSONL names keys). */
  action: 'existing' | 'map' | 'create' | 'unknown';
  key: string;
}

// --- errors -----------------------------------------------------------------

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
