/**
 * brat's `annotation.conf` (brat.nlplab.org/configuration.html), read as
 * brat's own `projectconfig.py` reads it: sections `[entities]` (alias
 * `[spans]`), `[relations]`, `[events]`, `[attributes]`; one type a line,
 * `|`-separated alternative names (the first is the stored one), a hierarchy
 * by indentation, `!` for types only grouping others, `<NAME>=…` macros
 * (per section), `#` comments and `---` separators; arguments
 * `Role:Type|Type, …` after the type. Relation arguments are the first two
 * (`Arg1`, `Arg2`); `<REL-TYPE>` and the overlap types (`ENTITY-NESTING`,
 * `<OVERLAP>`) declare no link. An attribute is `Name Arg:Type|…` (a flag,
 * present or absent) or `Name Arg:Type|…, Value:A|B|C`.
 */

export interface BratConf {
  /** Entity types (stored names), abstract ones (`!`) included. */
  entities: string[];
  events: string[];
  /** Each type's direct children (entities and events). */
  children: Map<string, string[]>;
  /** Types marked `!`: never annotated, only grouping others. */
  abstract: Set<string>;
  relations: Array<{ type: string; from: string[]; to: string[] }>;
  /** `values: null`: a flag (present or absent). */
  attributes: Array<{ name: string; on: string[]; values: string[] | null }>;
}

interface Node {
  terms: string[];
  args: string[];
  depth: number;
  parent: string | null;
  abstract: boolean;
  line: number;
}

const SECTIONS = new Set(['entities', 'relations', 'events', 'attributes']);
const RESERVED = new Set(['ANY', 'ENTITY', 'RELATION', 'EVENT', 'NONE', 'EMPTY', 'REL-TYPE', 'URL', 'URLBASE', 'UNICODE', 'GLYPH-POS', 'DEFAULT', 'NORM', 'OVERLAP', 'OVL-TYPE', 'INHERIT'].map((n) => `<${n}>`));
const OVERLAP_TYPES = new Set(['ENTITY-NESTING', '<OVERLAP>']);

/** A type name as brat stores it (`normalize_to_storage_form`). */
const storageForm = (t: string) => t.replace(/ /g, '_').replace(/[^a-zA-Z0-9_-]/g, '_');

class ConfError extends Error {}

function readSection(lines: Array<{ n: number; text: string }>): Node[] {
  const macros = new Map<string, string>();
  const lastAt = new Map<number, Node>();
  const nodes: Node[] = [];
  for (const { n, text } of lines) {
    if (!text.trim() || /^\s*#/.test(text) || /^\s*-+\s*$/.test(text)) continue;
    const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/.exec(text);
    if (macro) {
      if (RESERVED.has(`<${macro[1]}>`)) throw new ConfError(`line ${n}: <${macro[1]}> is a reserved name`);
      macros.set(`<${macro[1]}>`, macro[2]!);
      continue;
    }
    let l = text;
    for (const [k, v] of macros) l = l.split(k).join(v);
    for (const m of l.matchAll(/<.*?>/g)) if (!RESERVED.has(m[0])) throw new ConfError(`line ${n}: undefined macro ${m[0]}`);
    const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(l)!;
    const depth = m[1]!.length;
    const terms = m[2]!.split('|').filter((t) => t.trim());
    const abstract = terms.some((t) => t.startsWith('!'));
    const names = terms.map((t) => t.replace(/^!/, ''));
    if (!names.length || names.some((t) => !t)) throw new ConfError(`line ${n}: empty type name`);
    const args = (m[3] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    for (const a of args) if (!/^\S*?:\S*$/.test(a)) throw new ConfError(`line ${n}: cannot read the argument "${a}"`);
    const parent = depth ? lastAt.get(depth - 1) : undefined;
    if (depth && !parent) throw new ConfError(`line ${n}: "${names[0]}" is indented under no type`);
    const node: Node = { terms: [OVERLAP_TYPES.has(names[0]!) ? names[0]! : storageForm(names[0]!), ...names.slice(1)], args, depth, parent: parent?.terms[0] ?? null, abstract, line: n };
    nodes.push(node);
    lastAt.set(depth, node);
  }
  return nodes;
}

/** `Role:A|B` arguments as role → types. */
function argTypes(args: string[]): Array<[string, string[]]> {
  return args.map((a) => {
    const i = a.indexOf(':');
    return [a.slice(0, i), a.slice(i + 1).split('|').filter(Boolean)];
  });
}

/** Parses an `annotation.conf`; answers the conf or why it cannot be read. */
export function parseBratConf(text: string): { conf: BratConf } | { error: string } {
  const sections = new Map<string, Array<{ n: number; text: string }>>();
  let section: string | null = null;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    const head = /^\s*\[(.*)\]\s*$/.exec(line);
    if (head) {
      section = head[1] === 'spans' ? 'entities' : head[1]!;
      if (!sections.has(section)) sections.set(section, []);
    } else if (section) sections.get(section)!.push({ n: i + 1, text: line });
    else if (line.trim() && !/^\s*#/.test(line)) section = '';
  });
  if (![...sections.keys()].some((s) => SECTIONS.has(s))) return { error: 'no [entities], [relations], [events] or [attributes] section' };
  try {
    const read = (s: string) => readSection(sections.get(s) ?? []);
    const entities = read('entities');
    const events = read('events');
    const children = new Map<string, string[]>();
    for (const node of [...entities, ...events]) if (node.parent) children.set(node.parent, [...(children.get(node.parent) ?? []), node.terms[0]!]);
    const conf: BratConf = {
      entities: entities.map((e) => e.terms[0]!),
      events: events.map((e) => e.terms[0]!),
      children,
      abstract: new Set([...entities, ...events].filter((e) => e.abstract).map((e) => e.terms[0]!)),
      relations: [],
      attributes: [],
    };
    for (const node of read('relations')) {
      const type = node.terms[0]!;
      // `!Physical` only groups the relation types indented under it.
      if (OVERLAP_TYPES.has(type) || node.abstract) continue;
      const roles = argTypes(node.args.filter((a) => !RESERVED.has(a.slice(0, a.indexOf(':')))));
      if (roles.length < 2) throw new ConfError(`line ${node.line}: relation ${type} needs two arguments (Arg1:Type, Arg2:Type)`);
      const old = conf.relations.find((r) => r.type === type);
      if (old) {
        old.from = [...new Set([...old.from, ...roles[0]![1]])];
        old.to = [...new Set([...old.to, ...roles[1]![1]])];
      } else conf.relations.push({ type, from: roles[0]![1], to: roles[1]![1] });
    }
    for (const node of read('attributes')) {
      const args = new Map(argTypes(node.args));
      if (!args.has('Arg')) throw new ConfError(`line ${node.line}: attribute ${node.terms[0]} names no Arg:Type`);
      const values = args.get('Value');
      conf.attributes.push({ name: node.terms[0]!, on: args.get('Arg')!, values: values?.length ? values : null });
    }
    return { conf };
  } catch (e) {
    if (e instanceof ConfError) return { error: e.message };
    throw e;
  }
}

/** Does a conf argument type (`Person`, a parent of it, `<ENTITY>`, `<EVENT>`, `<ANY>`) admit `type`? */
export function admits(conf: BratConf, argType: string, type: string): boolean {
  if (argType === '<ANY>') return true;
  if (argType === '<ENTITY>') return conf.entities.includes(type);
  if (argType === '<EVENT>') return conf.events.includes(type);
  if (argType === type) return true;
  return (conf.children.get(argType) ?? []).some((c) => admits(conf, c, type));
}
