import type { LabelDefInput, RelationTypeDef } from '@mbw/shared';

/** The default label scheme of DESIGN.md, for German news. */
export const defaultScheme: LabelDefInput[] = [
  {
    key: 'attribution',
    name: 'Attribution',
    color: '#2563eb',
    hotkey: '1',
    description: 'Who a statement is attributed to: the source and the cue (sagte, berichtet, zufolge, laut, so).',
    guidelines: {
      en:
        'Mark the source of a reported statement together with its cue: "sagte ein Sprecher", "Brüsseler Quellen zufolge", ' +
        '"laut Bloomberg". Set sourceType: a named person, a named organisation or outlet, an anonymous or vague source ' +
        '("Diplomaten", "westliche Beamte"), or none when a cue has no source. Link the attribution to the statement it attributes.',
      de:
        'Markieren Sie die Quelle einer wiedergegebenen Aussage zusammen mit dem Redeeinleiter: „sagte ein Sprecher“, ' +
        '„Brüsseler Quellen zufolge“, „laut Bloomberg“. sourceType: benannte Person, benannte Organisation oder Medium, ' +
        'anonyme oder vage Quelle („Diplomaten“, „westliche Beamte“) oder keine. Verknüpfen Sie die Attribution mit der Aussage.',
    },
    attributes: [
      {
        key: 'sourceType',
        name: 'Source type',
        values: [
          { value: 'named_person', name: 'Named person' },
          { value: 'named_organisation', name: 'Named organisation or outlet' },
          { value: 'anonymous', name: 'Anonymous or vague' },
          { value: 'none', name: 'None' },
        ],
      },
    ],
  },
  {
    key: 'evaluative',
    name: 'Evaluative language',
    color: '#d97706',
    hotkey: '2',
    description: 'Words or phrases that judge rather than describe.',
    guidelines: {
      en:
        'Mark the shortest words or phrases that judge rather than describe ("ukrainische Machthaber", "torpediert"), ' +
        'in the outlet\'s voice or in quotes. Set polarity: negative, positive or mixed. Neutral descriptive terms are not evaluative.',
      de:
        'Markieren Sie die kürzesten Wörter oder Wendungen, die werten statt zu beschreiben („ukrainische Machthaber“, ' +
        '„torpediert“). polarity: negativ, positiv oder gemischt. Neutrale, beschreibende Begriffe sind nicht wertend.',
    },
    attributes: [
      {
        key: 'polarity',
        name: 'Polarity',
        values: [
          { value: 'negative', name: 'Negative' },
          { value: 'positive', name: 'Positive' },
          { value: 'mixed', name: 'Mixed' },
        ],
      },
    ],
  },
  {
    key: 'unsupported_claim',
    name: 'Unsupported claim',
    color: '#dc2626',
    hotkey: '3',
    description: "A factual assertion in the outlet's own voice with no source or evidence.",
    guidelines: {
      en:
        "Mark whole clauses or sentences that assert a fact in the outlet's own voice without a source or evidence. " +
        'Statements carried by an attribution are not unsupported. Set checkable: yes when the claim could be verified.',
      de:
        'Markieren Sie ganze Sätze oder Teilsätze, die in der eigenen Stimme des Mediums eine Tatsache ohne Quelle oder Beleg ' +
        'behaupten. Attribuierte Aussagen sind keine unbelegten Behauptungen. checkable: ja, wenn die Behauptung überprüfbar ist.',
    },
    attributes: [
      {
        key: 'checkable',
        name: 'Checkable',
        values: [
          { value: 'yes', name: 'Yes' },
          { value: 'no', name: 'No' },
        ],
      },
    ],
  },
  {
    key: 'statement',
    name: 'Reported statement',
    color: '#059669',
    hotkey: '4',
    description: "The content an attribution attributes (PARC's content); neutral in itself.",
    guidelines: {
      en:
        'Mark what a source is reported to have said, thought or written: the content of an attribution ' +
        '("könnte eine Integration Chinas … die Akzeptanz Russlands … erhöhen"), without the source and the cue. ' +
        'A reported statement is neutral in itself: do not mark it as an unsupported claim because it has no evidence. ' +
        'Link the attribution to it (Attributes). Where the reported words themselves judge, mark them as evaluative too.',
      de:
        'Markieren Sie, was eine Quelle gesagt, gedacht oder geschrieben haben soll: den Inhalt einer Attribution ' +
        '(„könnte eine Integration Chinas … die Akzeptanz Russlands … erhöhen“), ohne Quelle und Redeeinleiter. ' +
        'Eine wiedergegebene Aussage ist an sich neutral: markieren Sie sie nicht als unbelegte Behauptung, nur weil ein Beleg fehlt. ' +
        'Verknüpfen Sie die Attribution mit ihr (Attributes). Wo die wiedergegebenen Worte selbst werten, markieren Sie sie zusätzlich als wertend.',
    },
    attributes: [],
  },
];

/**
 * The default relation types (PARC's source–cue–content): an attribution
 * attributes a reported statement, or an unsupported or evaluative one.
 */
export const defaultRelationTypes: RelationTypeDef[] = [
  { key: 'attributes', name: 'Attributes', from: ['attribution'], to: ['statement', 'unsupported_claim', 'evaluative'] },
];
