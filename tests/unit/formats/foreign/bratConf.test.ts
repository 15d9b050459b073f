import { describe, expect, it } from 'vitest';
import { parseBratConf, readForeign } from '@mbw/shared';
import { fixture } from './load.js';

const news = fixture('brat/news-annotation.conf');
const intro = [fixture('brat/000-introduction.txt'), fixture('brat/000-introduction.ann')];

describe('brat annotation.conf', () => {
  it('reads brat’s own news tutorial conf: hierarchy, macros, relations, flag and valued attributes', () => {
    const r = parseBratConf(news.text);
    if ('error' in r) throw new Error(r.error);
    const { conf } = r;
    expect(conf.entities).toEqual(['Person', 'Organization', 'GPE', 'Money']);
    expect(conf.events).toContain('Transfer-money');
    expect(conf.abstract).toEqual(new Set(['Life', 'Transaction', 'Business']));
    expect(conf.children.get('Life')).toEqual(['Be-born', 'Marry', 'Divorce', 'Die']);
    expect(conf.relations.find((x) => x.type === 'Origin')).toEqual({ type: 'Origin', from: ['Organization'], to: ['GPE'] });
    // `<REL-TYPE>:symmetric-transitive` declares no argument.
    expect(conf.relations.find((x) => x.type === 'Alias')).toEqual({ type: 'Alias', from: ['Person'], to: ['Person'] });
    expect(conf.attributes).toEqual([
      { name: 'Individual', on: ['<ENTITY>'], values: null },
      { name: 'Mention', on: ['<ENTITY>'], values: ['Name', 'Nominal', 'Other'] },
      { name: 'Negation', on: ['<EVENT>'], values: null },
      { name: 'Confidence', on: ['<EVENT>'], values: ['High', 'Neutral', 'Low'] },
    ]);
  });

  it('reads the NCBI-disease conf (sections in another order, an attribute on a named type)', () => {
    const r = parseBratConf(fixture('brat/ncbi-annotation.conf').text);
    expect(r).toMatchObject({ conf: { entities: ['Disease'], relations: [], attributes: [{ name: 'Category', on: ['Disease'], values: ['SpecificDisease', 'Modifier', 'DiseaseClass', 'CompositeMention'] }] } });
  });

  it('takes `!` relation types as groups, not relations (as brat’s NIST-ACE-05 conf writes them)', () => {
    const r = parseBratConf('[entities]\nPerson\nGPE\n[relations]\n!Physical\n\tLocated\tArg1:Person, Arg2:GPE\n');
    expect(r).toMatchObject({ conf: { relations: [{ type: 'Located', from: ['Person'], to: ['GPE'] }] } });
  });

  it('says why a conf cannot be read', () => {
    expect(parseBratConf('Person\nOrganization\n')).toEqual({ error: 'no [entities], [relations], [events] or [attributes] section' });
    expect(parseBratConf('[entities]\n\tPerson\n')).toEqual({ error: 'line 2: "Person" is indented under no type' });
    expect(parseBratConf('[relations]\nLocated Arg1:<PG>, Arg2:GPE\n')).toEqual({ error: 'line 2: undefined macro <PG>' });
    expect(parseBratConf('[attributes]\nNegation Value:Yes|No\n')).toEqual({ error: 'line 2: attribute Negation names no Arg:Type' });
    expect(parseBratConf('[relations]\nLocated Arg1:Person\n')).toEqual({ error: 'line 2: relation Located needs two arguments (Arg1:Type, Arg2:Type)' });
  });

  it('gives a brat import the declared scheme: entity types with their attributes, relations between used types, unused types', () => {
    const r = readForeign('brat', [...intro, { name: 'annotation.conf', text: news.text }]);
    expect(r.errors).toEqual([]);
    const scheme = r.scheme!;
    expect(scheme.where).toBe('annotation.conf');
    const person = scheme.labels.find((l) => l.name === 'Person')!;
    expect(person.attributes).toEqual([
      { key: 'Individual', values: ['true', 'false'] },
      { key: 'Mention', values: ['Name', 'Nominal', 'Other'] },
    ]);
    // An event type's trigger is a span; event attributes go on the event (skipped), not on it.
    expect(scheme.labels.find((l) => l.name === 'Transfer-money')!.attributes).toEqual([]);
    expect(scheme.relations.find((x) => x.type === 'Family')).toEqual({ type: 'Family', from: ['Person'], to: ['Person'] });
    // Hierarchy and macros resolved: `<POG>` = Person|Organization|GPE.
    expect(scheme.relations).not.toContainEqual(expect.objectContaining({ type: 'ENTITY-NESTING' }));
    expect(scheme.unused).toContain('Be-born');
    expect(scheme.unused).not.toContain('Person');
    expect(scheme.unused).not.toContain('Life');
    expect(scheme.conflicts).toEqual([]);
  });

  it('reports spans the conf does not declare as they are, keeping them', () => {
    const ann = 'T1\tPerson 0 4\tAnna\nA1\tMention T1 Nickname\nT2\tPet 9 12\tRex\nA2\tColour T1 red\n';
    const r = readForeign('brat', [{ name: 'd.txt', text: 'Anna and Rex' }, { name: 'd.ann', text: ann }, { name: 'annotation.conf', text: news.text }]);
    expect(r.docs[0]!.spans.map((s) => [s.label, s.attributes])).toEqual([
      ['Person', { Mention: 'Nickname', Colour: 'red' }],
      ['Pet', {}],
    ]);
    expect(r.scheme!.conflicts.map((c) => c.reason)).toEqual([
      'value "Nickname" of attribute Mention (Person) is not declared in annotation.conf (Name|Nominal|Other; kept, added to the attribute)',
      'attribute Colour of Person is not declared in annotation.conf (kept, added to the label)',
      'type Pet is not declared in annotation.conf (its spans are kept)',
    ]);
    expect(r.scheme!.conflicts[0]).toMatchObject({ line: 1, where: 'd.ann T1' });
  });

  it('skips a conf it cannot read, with the reason, and reads the spans as without one', () => {
    const r = readForeign('brat', [...intro, { name: 'corpus/annotation.conf', text: '[entities]\n  Person\n' }]);
    expect(r.errors).toEqual([]);
    expect(r.scheme).toBeUndefined();
    expect(r.docs[0]!.spans).toHaveLength(7);
    expect(r.skipped).toContainEqual({ line: 0, where: 'corpus/annotation.conf', reason: 'annotation.conf not read (line 2: "Person" is indented under no type): labels and attributes come from the spans alone' });
  });
});
