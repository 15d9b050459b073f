/**
 * Foreign text made what the workbench stores (DESIGN.md, "Offsets"):
 * Unicode NFC, with every span offset moved to the same character of the
 * composed text. NFC may join characters (`e` + U+0301 → `é`), so offsets
 * after such a place move back; a span boundary that falls between
 * characters NFC joins has no place in the composed text, and the document
 * is refused naming that span rather than moved to a guess.
 */
import type { ForeignDoc } from './common.js';

export interface NfcResult {
  doc: ForeignDoc;
  /** What changed, for the user (absent when the text already was NFC). */
  changed?: string;
}

/** The document with NFC text and offsets moved, or why a span cannot be kept. */
export function nfcDocument(doc: ForeignDoc): NfcResult | { error: string } {
  const nfc = doc.text.normalize('NFC');
  if (nfc === doc.text) return { doc };
  const chars = [...doc.text];
  const bounds = [...new Set([0, chars.length, ...doc.spans.flatMap((s) => [s.start, s.end])])].filter((b) => b >= 0 && b <= chars.length).sort((a, b) => a - b);
  const at = new Map<number, number>();
  let out = '';
  let length = 0;
  for (let i = 0; i < bounds.length; i++) {
    at.set(bounds[i]!, length);
    if (i + 1 === bounds.length) break;
    const part = chars.slice(bounds[i], bounds[i + 1]).join('').normalize('NFC');
    out += part;
    length += [...part].length;
  }
  if (out !== nfc) {
    const broken = doc.spans.findIndex((s) => !splitsCleanly(chars, s.start, nfc) || !splitsCleanly(chars, s.end, nfc));
    const s = doc.spans[broken === -1 ? 0 : broken]!;
    return { error: `spans.${broken === -1 ? 0 : broken} (${s.start}–${s.end}): a boundary falls between characters that Unicode NFC joins into one (as e + U+0301 → é); the workbench stores NFC text, so this span has no place in it` };
  }
  const fewer = chars.length - [...nfc].length;
  const changed = `text made Unicode NFC (composed characters), ${fewer ? `${fewer} code point${fewer === 1 ? '' : 's'} fewer; span offsets moved with it` : 'as many code points; no offset moved'}`;
  return { doc: { ...doc, text: nfc, spans: doc.spans.map((s) => ({ ...s, start: at.get(s.start)!, end: at.get(s.end)! })) }, changed };
}

/** Whether NFC of the text before `b` and after it, joined, is NFC of the whole. */
function splitsCleanly(chars: string[], b: number, nfc: string): boolean {
  return chars.slice(0, b).join('').normalize('NFC') + chars.slice(b).join('').normalize('NFC') === nfc;
}
