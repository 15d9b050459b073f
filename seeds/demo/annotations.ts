/**
 * DEMO DATA — invented annotations, not a gold standard and not research data.
 *
 * Three made-up annotator accounts (demo-anna, demo-ben, demo-carla) have
 * marked all five sample articles with the default scheme and submitted them,
 * so that a newcomer sees a populated agreement dashboard on the first start.
 * They disagree on purpose, as real annotators do: boundaries differ, some
 * spans are missing in one or two lanes, attributes differ now and then.
 * The accounts get random passwords nobody knows: they are for looking at,
 * not for signing in.
 *
 * Spans are written as quotes, never as offsets: `seeds/demo/resolve.ts`
 * finds each quote in the article text (as imported: NFC, `\n` line ends) and
 * computes the code-point offsets; the seed throws when a quote is missing.
 *
 * How to read a mark:
 * - `quote` (with `occurrence`, 0-based, when the words occur more than once)
 *   is the span; `attributes` its attributes;
 * - `anna`, `ben`, `carla` say who marked it: `true` = exactly `quote`; a
 *   string = that annotator's own boundaries (the occurrence of that string
 *   overlapping `quote`); an object may also change the attributes. An
 *   annotator not named did not mark it.
 * - `links` join an attribution to the statement it attributes (`from`, `to`
 *   are mark ids), for every annotator who marked both.
 */

export const DEMO_ANNOTATORS = [
  { key: 'anna', username: 'demo-anna', displayName: 'Demo Anna' },
  { key: 'ben', username: 'demo-ben', displayName: 'Demo Ben' },
  { key: 'carla', username: 'demo-carla', displayName: 'Demo Carla' },
] as const;

export type DemoWho = (typeof DEMO_ANNOTATORS)[number]['key'];
export type DemoLabel = 'attribution' | 'evaluative' | 'unsupported_claim' | 'statement';
export type DemoTake = true | string | { quote?: string; attributes: Record<string, string> };

export interface DemoMark {
  /** Names the mark for `links`. */
  id?: string;
  label: DemoLabel;
  quote: string;
  /** Which appearance of `quote` (0-based); default 0. */
  occurrence?: number;
  attributes: Record<string, string>;
  anna?: DemoTake;
  ben?: DemoTake;
  carla?: DemoTake;
}

export interface DemoArticle {
  /** The sample file's name without `.txt` (the article's externalId). */
  externalId: string;
  marks: DemoMark[];
  links?: Array<{ from: string; to: string }>;
}

const named = { sourceType: 'named_person' };
const outlet = { sourceType: 'named_organisation' };
const vague = { sourceType: 'anonymous' };
const noSource = { sourceType: 'none' };
const neg = { polarity: 'negative' };
const pos = { polarity: 'positive' };
const mixed = { polarity: 'mixed' };
const checkable = { checkable: 'yes' };
const uncheckable = { checkable: 'no' };

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    // China erkundet in Brüssel Möglichkeiten …
    externalId: '000_897fa9ffd81cf413',
    marks: [
      {
        label: 'attribution',
        quote: 'Dies berichtet die Welt am Sonntag auf Grundlage von Informationen von Diplomaten',
        attributes: outlet,
        anna: true,
        ben: 'Dies berichtet die Welt am Sonntag',
        carla: true,
      },
      { id: 'bruessel', label: 'attribution', quote: 'Brüsseler Quellen zufolge', attributes: vague, anna: true, ben: true, carla: true },
      {
        id: 'integration',
        label: 'statement',
        quote: 'könnte “eine Integration Chinas in eine sogenannte ‚Koalition der Willigen‘” die Akzeptanz Russlands für eine Präsenz internationaler Friedenstruppen in der Ukraine möglicherweise erhöhen',
        attributes: {},
        anna: true,
        ben: true,
        carla: 'die Akzeptanz Russlands für eine Präsenz internationaler Friedenstruppen in der Ukraine möglicherweise erhöhen',
      },
      { label: 'evaluative', quote: 'sogenannte', attributes: neg, anna: true },
      { label: 'attribution', quote: 'Allerdings wird betont', attributes: noSource, anna: true, carla: { attributes: vague } },
      { label: 'evaluative', quote: 'heikle', attributes: neg, anna: true, carla: 'heikle Angelegenheit' },
      {
        label: 'unsupported_claim',
        quote: 'Eine Mitwirkung Chinas könnte den internationalen Friedenstruppen die nötige Glaubwürdigkeit verschaffen.',
        attributes: uncheckable,
        anna: true,
        ben: true,
      },
      { label: 'attribution', quote: 'nach Macron', attributes: named, anna: true, ben: true, carla: true },
      { label: 'evaluative', quote: 'ukrainische Machthaber', attributes: neg, anna: true, ben: 'der ukrainische Machthaber', carla: 'Machthaber' },
      { label: 'attribution', quote: 'Die britische Regierung schätzt', attributes: outlet, anna: true, ben: true, carla: 'Die britische Regierung' },
      {
        label: 'unsupported_claim',
        quote:
          'Es scheint jedoch unwahrscheinlich, dass Russland die Anwesenheit von Truppen aus Ländern, die die Ukraine militärisch unterstützen, in der Ukraine akzeptieren wird.',
        attributes: uncheckable,
        ben: true,
        carla: true,
      },
      {
        label: 'unsupported_claim',
        quote:
          'Historisch gesehen hat Russland durch Allianzen zwischen Frankreich und Großbritannien negative Erfahrungen gemacht, was das Misstrauen gegenüber einer solchen Koalition erklärt.',
        attributes: checkable,
        anna: true,
        ben: true,
        carla: 'Historisch gesehen hat Russland durch Allianzen zwischen Frankreich und Großbritannien negative Erfahrungen gemacht',
      },
      { label: 'evaluative', quote: 'torpediert', attributes: neg, anna: true, ben: 'die diplomatischen Bemühungen der USA torpediert', carla: true },
      {
        label: 'unsupported_claim',
        quote: 'Bislang hat die Ukraine die diplomatischen Bemühungen der USA torpediert.',
        attributes: uncheckable,
        anna: true,
        carla: true,
      },
      {
        label: 'unsupported_claim',
        quote: 'Das politische Überleben des ukrainischen Machthabers Selenskij hängt von der Fortsetzung des Krieges ab.',
        attributes: uncheckable,
        anna: true,
        ben: true,
        carla: true,
      },
      { label: 'evaluative', quote: 'ukrainischen Machthabers', attributes: neg, anna: true, ben: true },
      {
        label: 'unsupported_claim',
        quote:
          'Nach schlechten Umfragewerten und einer möglichen Niederlage bei zukünftigen Wahlen trägt Selenskij die Verantwortung für schwerwiegende Verluste auf ukrainischer Seite seit dem Rückzug aus einem nahezu abgeschlossenen Friedensabkommen mit Russland.',
        attributes: checkable,
        anna: true,
        carla: 'Selenskij die Verantwortung für schwerwiegende Verluste auf ukrainischer Seite',
      },
      { label: 'evaluative', quote: 'eine Falle gestellt', attributes: neg, anna: true, carla: 'Falle' },
    ],
    links: [{ from: 'bruessel', to: 'integration' }],
  },
  {
    // Europa plant die Entsendung von Truppen in die Ukraine …
    externalId: '001_195f29e7e3bfd015',
    marks: [
      { label: 'attribution', quote: 'so westliche Beamte', attributes: vague, anna: true, ben: true, carla: 'westliche Beamte' },
      { label: 'attribution', quote: 'Beamte berichteten', attributes: vague, anna: true, ben: true },
      { label: 'evaluative', quote: 'entscheidenden Schritt', attributes: pos, anna: true },
      {
        label: 'unsupported_claim',
        quote: 'Das Hauptproblem besteht jedoch darin, dass es keine Anzeichen dafür gibt, dass Russland bereit ist, die Kämpfe zu beenden.',
        attributes: checkable,
        anna: true,
        ben: true,
        carla: 'es keine Anzeichen dafür gibt, dass Russland bereit ist, die Kämpfe zu beenden',
      },
      { label: 'evaluative', quote: 'stählernen Igel', attributes: pos, anna: true, carla: '"stählernen Igel"' },
      { label: 'attribution', quote: 'Laut europäischen und amerikanischen Beamten', attributes: vague, anna: true, ben: true, carla: true },
      { label: 'attribution', quote: 'warnte ein amerikanischer Beamter', attributes: vague, anna: true, ben: 'Dennoch warnte ein amerikanischer Beamter', carla: true },
      { label: 'attribution', quote: 'so die "Washington Post"', attributes: outlet, anna: true, ben: true },
      { label: 'evaluative', quote: 'kühl aufgenommen', attributes: neg, anna: true, ben: true, carla: 'in den westlichen Hauptstädten kühl aufgenommen' },
      { id: 'diplomaten', label: 'attribution', quote: 'Diplomaten bestätigten', attributes: vague, anna: true, ben: true, carla: true },
      { id: 'schmerzhaft', label: 'evaluative', quote: 'schmerzhafte', attributes: neg, anna: true, carla: 'schmerzhafte territoriale Zugeständnisse' },
      { label: 'attribution', quote: 'Präsident Emmanuel Macron erklärte', attributes: named, anna: true, ben: true, carla: 'Emmanuel Macron erklärte' },
      {
        label: 'unsupported_claim',
        quote:
          'Einige Hauptstädte sehen sich internen Dilemmata gegenüber, aus Angst, dass eine Beteiligung zu einer politischen Belastung werden könnte, wenn sie das Leben von Soldaten gefährdet.',
        attributes: uncheckable,
        anna: true,
        carla: true,
      },
      { label: 'evaluative', quote: 'offeneren Rhetorik', attributes: mixed, ben: true },
      { label: 'attribution', quote: 'Europäische Beamte sind der Ansicht', attributes: vague, anna: true, ben: true, carla: true },
      { label: 'statement', quote: 'dass der Erfolg der Initiative von der amerikanischen Beteiligung abhängt', attributes: {}, anna: true, ben: true },
      {
        id: 'einigung',
        label: 'statement',
        quote: 'eine Einigung über Sicherheitsmaßnahmen im nahen Zeitraum die Position des ukrainischen Präsidenten Wolodymyr Selenskyj stärken könnte',
        attributes: {},
        anna: true,
        carla: true,
      },
    ],
    links: [
      { from: 'diplomaten', to: 'schmerzhaft' },
      { from: 'diplomaten', to: 'einigung' },
    ],
  },
  {
    // Eine beträchtliche Anzahl von Ländern …
    externalId: '002_ef4d4280d931b96e',
    marks: [
      {
        label: 'attribution',
        quote: 'sagte ein Sprecher des britischen Premierministers Keir Starmer am Montag',
        attributes: vague,
        anna: true,
        ben: { quote: 'sagte ein Sprecher des britischen Premierministers Keir Starmer', attributes: named },
        carla: true,
      },
      { label: 'attribution', quote: 'wie britische Medien übereinstimmend berichten', attributes: vague, anna: true, ben: true },
      { label: 'attribution', quote: 'hieß es weiter', attributes: noSource, anna: true, carla: true },
      { label: 'attribution', quote: 'nach Angaben seines Sprechers', attributes: vague, anna: true, ben: true, carla: true },
      {
        label: 'attribution',
        quote: 'Wie die britische Zeitung The Times unter Berufung auf Regierungskreise berichtet',
        attributes: outlet,
        anna: true,
        ben: 'Wie die britische Zeitung The Times',
        carla: true,
      },
      { label: 'attribution', quote: 'zitiert The Times einen Beamten', attributes: outlet, anna: true, ben: true, carla: true },
      { label: 'attribution', quote: 'dem Bericht zufolge', attributes: outlet, anna: true, carla: true },
      {
        label: 'attribution',
        quote: 'sagte Starmer bei einer Pressekonferenz im Anschluss des Gipfels',
        attributes: named,
        anna: true,
        ben: 'sagte Starmer',
        carla: true,
      },
      { label: 'attribution', quote: 'zitiert der Kyiv Independent Starmer', attributes: outlet, anna: true, ben: true, carla: true },
      { id: 'starmer', label: 'attribution', quote: 'sagte Starmer', occurrence: 1, attributes: named, anna: true, ben: true, carla: true },
      { id: 'nichtgut', label: 'evaluative', quote: 'nicht gut genug', attributes: neg, anna: true, ben: '„nicht gut genug“', carla: true },
      { label: 'evaluative', quote: 'stockenden Verhandlungen', attributes: neg, anna: true, carla: true },
      { label: 'attribution', quote: 'Auf einer Pressekonferenz sagte sie', attributes: named, anna: 'sagte sie', carla: true },
      { id: 'kallas', label: 'attribution', quote: 'sagte Kallas', attributes: named, anna: true, ben: true },
      { id: 'begruesst', label: 'statement', quote: 'alle hätten die Ergebnisse der Gespräche begrüßt', attributes: {}, anna: true, ben: true, carla: 'die Ergebnisse der Gespräche begrüßt' },
      { id: 'vertrauen', label: 'evaluative', quote: 'nicht wirklich vertrauenswürdig', occurrence: 1, attributes: neg, anna: true, ben: true, carla: true },
      { id: 'sie', label: 'attribution', quote: 'fügte sie hinzu', attributes: named, anna: true, ben: true, carla: true },
      {
        label: 'unsupported_claim',
        quote:
          'Großbritannien und Frankreich hatten die Bemühungen um einen Friedensplan für die Ukraine vorangetrieben, nachdem Trump Gespräche über ein Friedensabkommen mit Russland aufgenommen hatte.',
        attributes: checkable,
        ben: true,
      },
      { label: 'attribution', quote: 'Der Kreml bestätigte am Montag', attributes: outlet, anna: true, ben: true, carla: true },
    ],
    links: [
      { from: 'starmer', to: 'nichtgut' },
      { from: 'kallas', to: 'begruesst' },
      { from: 'sie', to: 'vertrauen' },
    ],
  },
  {
    // Wandel in der Unterstützung der Ukraine …
    externalId: '003_fbebe9b541a5adf2',
    marks: [
      { label: 'attribution', quote: 'Einem jüngsten Bericht von Bloomberg zufolge', attributes: outlet, anna: true, ben: true, carla: 'Bericht von Bloomberg zufolge' },
      {
        label: 'unsupported_claim',
        quote:
          'Dies geschieht vor dem Hintergrund, dass die russischen Truppen momentan in einer seit Anfang 2022 nicht mehr gesehenen Geschwindigkeit in der Region Donbass vorrücken und die dort stationierten ukrainischen Streitkräfte zurückdrängen.',
        attributes: checkable,
        anna: true,
        carla: true,
      },
      {
        label: 'unsupported_claim',
        quote: 'Der russische Präsident Wladimir Putin hat bisher kein Interesse an Gesprächen über eine Waffenruhe erkennen lassen.',
        attributes: checkable,
        anna: true,
        ben: true,
      },
      { id: 'bloomberg', label: 'attribution', quote: 'erläuterte Bloomberg', attributes: outlet, anna: true, ben: true, carla: true },
      { id: 'moral', label: 'evaluative', quote: 'die Moral beginnt zu schwinden', attributes: neg, anna: true, ben: 'Moral beginnt zu schwinden' },
      {
        label: 'unsupported_claim',
        quote: 'Diese Gespräche sind jedoch noch vertraulich und deren Inhalte unvollständig.',
        attributes: uncheckable,
        anna: true,
        ben: true,
        carla: true,
      },
      {
        label: 'attribution',
        quote: 'berichtet Bloomberg unter Berufung auf NATO-Diplomaten',
        attributes: outlet,
        anna: true,
        ben: 'berichtet Bloomberg',
        carla: true,
      },
      {
        label: 'unsupported_claim',
        quote:
          'Der Hintergrund dieser Diskussionen ist die Einsicht, dass die gegenwärtige Situation in der Ukraine unhaltbar ist und Verhandlungen bald anstehen sollten.',
        attributes: uncheckable,
        anna: true,
        ben: true,
      },
      { label: 'evaluative', quote: 'unhaltbar', attributes: neg, anna: true, carla: true },
      { label: 'evaluative', quote: 'Wahlkampfrhetorik', attributes: neg, anna: true, ben: true },
      {
        label: 'attribution',
        quote: 'meint Samuel Charap, ein Senior-Politikwissenschaftler bei Rand',
        attributes: named,
        anna: true,
        ben: 'meint Samuel Charap',
        carla: true,
      },
      { label: 'attribution', quote: 'zitiert Bloomberg Charap', attributes: outlet, anna: true, ben: true, carla: true },
      {
        label: 'attribution',
        quote: 'äußerte er jedoch gegenüber Kyodo News',
        attributes: named,
        anna: true,
        carla: 'Erst kürzlich äußerte er jedoch gegenüber Kyodo News',
      },
      {
        label: 'unsupported_claim',
        quote: 'Putin sieht gerade den Wunsch der Ukraine nach NATO-Beitritt als einen der Hauptgründe für den Konflikt.',
        attributes: checkable,
        ben: true,
        carla: true,
      },
      { label: 'evaluative', quote: 'entnazifiziert', attributes: neg, anna: true, carla: { attributes: mixed } },
    ],
    links: [{ from: 'bloomberg', to: 'moral' }],
  },
  {
    // Frankreich und das Vereinigte Königreich haben ihre Absicht bekräftigt …
    externalId: '004_94534d1b1eeefb09',
    marks: [
      { id: 'macron', label: 'attribution', quote: 'sagte der französische Präsident Emmanuel Macron', attributes: named, anna: true, ben: true, carla: true },
      { id: 'felsenfest', label: 'evaluative', quote: 'felsenfeste', attributes: pos, anna: true, ben: 'Echte felsenfeste Garantien', carla: true },
      { label: 'evaluative', quote: 'robuste', attributes: pos, anna: true, carla: 'robuste Sicherheitsgarantien' },
      {
        label: 'attribution',
        quote: 'sagte der französische Präsident Emmanuel Macron in seiner Eröffnungsrede',
        attributes: named,
        anna: true,
        ben: 'sagte der französische Präsident Emmanuel Macron',
        carla: true,
      },
      { label: 'attribution', quote: 'sagte der französische Präsident dem Radiosender RTL', attributes: named, anna: true, ben: true, carla: true },
      {
        label: 'attribution',
        quote: 'Der britische Premierminister Keir Starmer äußerte sich ähnlich',
        attributes: named,
        anna: true,
        ben: true,
        carla: 'Keir Starmer äußerte sich ähnlich',
      },
      { label: 'attribution', quote: 'sagte Starmer in seiner Rede', attributes: named, anna: true, ben: true, carla: true },
      { label: 'evaluative', quote: 'hochriskante Mission', attributes: neg, anna: true, ben: 'eine hochriskante Mission', carla: true },
      {
        label: 'unsupported_claim',
        quote: 'eine hochriskante Mission, die die westlichen Verbündeten stark gespalten hat',
        attributes: checkable,
        ben: true,
      },
      { label: 'evaluative', quote: 'beispiellose', attributes: mixed, anna: true, carla: { quote: 'eine beispiellose Initiative', attributes: pos } },
      { label: 'evaluative', quote: 'Hektik', attributes: neg, anna: true, carla: true },
      {
        label: 'unsupported_claim',
        quote:
          'Die Hektik der Verhandlungen hat den Inhalt des 28-Punkte-Plans erheblich verändert, der weitreichende Bestimmungen enthielt, die weitgehend die Interessen Moskaus begünstigten und in den europäischen Hauptstädten für Bestürzung sorgten.',
        attributes: checkable,
        anna: true,
        ben: true,
        carla: 'der weitreichende Bestimmungen enthielt, die weitgehend die Interessen Moskaus begünstigten',
      },
      { label: 'attribution', quote: 'sagte Selenskyj', attributes: named, anna: true, ben: true, carla: true },
      { label: 'attribution', quote: 'Der Kreml hat signalisiert', attributes: outlet, anna: true, carla: true },
      {
        label: 'attribution',
        quote: 'sagte der deutsche Bundeskanzler Friedrich Merz am Dienstag',
        attributes: named,
        anna: true,
        ben: true,
        carla: 'sagte der deutsche Bundeskanzler Friedrich Merz',
      },
      {
        label: 'unsupported_claim',
        quote:
          'Die Europäer sind auch besorgt über den Mangel an soliden und durchsetzbaren Sicherheitsgarantien, den Russland ausnutzen könnte, um in Zukunft einen neuen Angriff auf die Ukraine zu starten.',
        attributes: uncheckable,
        anna: true,
        carla: true,
      },
      { label: 'attribution', quote: 'sagte Macron', attributes: named, anna: true, ben: true, carla: true },
    ],
    links: [{ from: 'macron', to: 'felsenfest' }],
  },
];
