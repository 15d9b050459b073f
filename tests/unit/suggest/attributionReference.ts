/**
 * Attributions marked by hand for measuring the German attribution suggester
 * (issue 14), written from a guideline, not from the suggester's output:
 *
 * - an attribution is the cue of reported speech or a reported position with
 *   its source phrase when one is next to it ("sagte Starmer", "Brüsseler
 *   Quellen zufolge", "Der Kreml hat signalisiert", a headline "Kallas:");
 *   a cue without a source is marked alone ("hieß es weiter", "wird betont");
 * - a second verb joined by "und" to a cue of the same subject ("… sagte er
 *   und stellte klar") is not marked again;
 * - reports of an action or a topic without content ("äußerte sich … zu den
 *   Verhandlungen", "kündigte … an", "schlugen … vor") are not marked.
 *
 * SAMPLE: the five sample articles (quote, and which appearance when the words
 * occur more than once). HELD_OUT: sentences written for this test, not from
 * the sample, so a rule that only fits the sample shows here.
 */

export const SAMPLE_REFERENCE: Record<string, Array<string | [string, number]>> = {
  '000_897fa9ffd81cf413': [
    'Dies berichtet die Welt am Sonntag auf Grundlage von Informationen von Diplomaten',
    'Brüsseler Quellen zufolge',
    'Allerdings wird betont',
    'nach Macron',
    'Die britische Regierung schätzt',
    'Russland erklärte',
  ],
  '001_195f29e7e3bfd015': [
    'so westliche Beamte',
    'Beamte berichteten',
    'die EU-Führer als "stählernen Igel" bezeichneten',
    'Laut europäischen und amerikanischen Beamten',
    'warnte ein amerikanischer Beamter',
    'so die "Washington Post"',
    'Diplomaten bestätigten',
    'Präsident Emmanuel Macron erklärte',
    'er hob jedoch hervor',
    'Europäische Beamte sind der Ansicht',
  ],
  '002_ef4d4280d931b96e': [
    'sagte ein Sprecher des britischen Premierministers Keir Starmer am Montag',
    'wie britische Medien übereinstimmend berichten',
    'hieß es weiter',
    'nach Angaben seines Sprechers',
    'Wie die britische Zeitung The Times unter Berufung auf Regierungskreise berichtet',
    'zitiert The Times einen Beamten',
    'dem Bericht zufolge',
    'sagte Starmer bei einer Pressekonferenz im Anschluss des Gipfels',
    'Er fügte hinzu',
    'Starmer:',
    'zitiert der Kyiv Independent Starmer',
    'Starmer sagte außerdem',
    ['sagte Starmer', 1],
    'Kallas:',
    'sagte sie',
    'sagte Kallas',
    'fügte sie hinzu',
    'Der Kreml bestätigte am Montag',
    'fügte er hinzu',
    'sagte Trump',
    'sagte er',
  ],
  '003_fbebe9b541a5adf2': [
    'Einem jüngsten Bericht von Bloomberg zufolge',
    'erläuterte Bloomberg',
    'berichtet Bloomberg unter Berufung auf NATO-Diplomaten',
    'meint Samuel Charap',
    'zitiert Bloomberg Charap',
    'Der ukrainische Präsident Wladimir Selenskij hatte zuvor betont',
    'äußerte er jedoch gegenüber Kyodo News',
    'Russland fordert',
  ],
  '004_94534d1b1eeefb09': [
    'sagte der französische Präsident Emmanuel Macron',
    ['sagte der französische Präsident Emmanuel Macron in seiner Eröffnungsrede', 0],
    'hatte Macron am Dienstag erklärt',
    'sagte der französische Präsident dem Radiosender RTL',
    'Der britische Premierminister Keir Starmer äußerte sich ähnlich',
    'sagte Starmer in seiner Rede',
    'betonten sowohl Macron als auch Starmer',
    'der Bekanntgabe der Ukraine',
    'sagte Selenskyj',
    'hieß es in Punkt 8',
    'Der Kreml hat signalisiert',
    'sagte der deutsche Bundeskanzler Friedrich Merz am Dienstag',
    'sagte Macron',
  ],
};

/** Sentences written for this test, each with its hand-marked attributions (none: the suggester must stay silent). */
export const HELD_OUT: Array<[string, string[]]> = [
  ['„Wir lassen niemanden zurück“, sagte die Bürgermeisterin am Abend.', ['sagte die Bürgermeisterin']],
  ['Die Ministerin sagte, der Haushalt sei solide.', ['Die Ministerin sagte']],
  ['Nach Angaben der Polizei wurden drei Menschen verletzt.', ['Nach Angaben der Polizei']],
  ['Laut dem Statistischen Bundesamt stiegen die Preise um zwei Prozent.', ['Laut dem Statistischen Bundesamt']],
  ['Informierten Kreisen zufolge steht der Rücktritt bevor.', ['Informierten Kreisen zufolge']],
  ['Wie der Spiegel unter Berufung auf Sicherheitskreise berichtet, wurde der Anschlag vereitelt.', ['Wie der Spiegel unter Berufung auf Sicherheitskreise berichtet']],
  ['Die Einigung sei nah, hieß es aus Verhandlungskreisen.', ['hieß es']],
  ['Der Streik werde fortgesetzt, so ein Gewerkschaftssprecher.', ['so ein Gewerkschaftssprecher']],
  ['Der Konzern hat angekündigt, das Werk zu schließen.', []],
  ['Die Gewerkschaft hat bestätigt, dass die Gespräche gescheitert sind.', ['Die Gewerkschaft hat bestätigt']],
  ['Zuvor hatte die Kanzlerin erklärt, sie werde nicht kandidieren.', ['hatte die Kanzlerin erklärt']],
  ['Der Trainer fügte hinzu, die Mannschaft habe Moral gezeigt.', ['Der Trainer fügte hinzu']],
  ['„Das ist inakzeptabel“, fügte er hinzu.', ['fügte er hinzu']],
  ['Die Opposition fordert, dass der Minister zurücktritt.', ['Die Opposition fordert']],
  ['Der Krieg fordert jeden Tag neue Opfer.', []],
  ['Anwohner berichteten, dass es die ganze Nacht laut war.', ['Anwohner berichteten']],
  ['Die Sprecherin äußerte sich nicht zu den Vorwürfen.', []],
  ['Der Bürgermeister äußerte sich zurückhaltend.', ['Der Bürgermeister äußerte sich']],
  ['Experten warnten, die Lage könne sich verschärfen.', ['Experten warnten']],
  ['Dem Bericht der Kommission zufolge fehlen Tausende Lehrer.', ['Dem Bericht der Kommission zufolge']],
  ['Es wird befürchtet, dass die Zahl der Opfer steigt.', ['Es wird befürchtet']],
  ['Scholz: „Wir stehen an der Seite der Ukraine“', ['Scholz:']],
  ['Der Minister reiste am Montag nach Paris und traf dort seinen Amtskollegen.', []],
  ['Die Preise steigen, und die Regierung erklärte, sie werde handeln.', ['die Regierung erklärte']],
  ['Der Sprecher betonte, dass keine Entscheidung gefallen sei, und fügte hinzu, man prüfe alle Optionen.', ['Der Sprecher betonte']],
  ['„Wir sind bereit“, teilte das Unternehmen mit.', ['teilte das Unternehmen mit']],
  ['Die Forscher wiesen darauf hin, dass die Daten unvollständig seien.', ['Die Forscher wiesen darauf hin']],
  ['Beobachter sind der Ansicht, dass die Wahl fair verlief.', ['Beobachter sind der Ansicht']],
  ['Unter Berufung auf Regierungsbeamte schreibt die Zeitung, der Plan sei gescheitert.', ['Unter Berufung auf Regierungsbeamte', 'schreibt die Zeitung']],
  ['Das Wetter wird am Wochenende besser, sagen Meteorologen.', ['sagen Meteorologen']],
  ['Am Dienstag sagte der Präsident eine Reise nach Asien ab.', []],
  ['Die Firma teilte das Ergebnis mit ihren Aktionären.', []],
  ['Laut Umfrage sind die meisten Bürger zufrieden.', ['Laut Umfrage']],
  ['Der Abgeordnete kritisierte, dass der Bericht zu spät komme.', ['Der Abgeordnete kritisierte']],
  ['Sie habe keine Zeit gehabt, sagte die Zeugin vor Gericht.', ['sagte die Zeugin']],
  ['Die Behörde hat gewarnt: Das Wasser ist nicht trinkbar.', ['Die Behörde hat gewarnt']],
  ['Er erklärte die Regeln des Spiels.', []],
  ['Die Polizei sprach von einem Unfall.', ['Die Polizei sprach von']],
  ['Wie ein Sprecher des Ministeriums mitteilte, bleiben die Schulen geöffnet.', ['Wie ein Sprecher des Ministeriums mitteilte']],
  ['„Die Lage ist ernst“, warnte der Virologe.', ['warnte der Virologe']],
];
