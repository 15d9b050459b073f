import { useEffect, useRef } from 'react';
import type { Label } from '@mbw/shared';

/** Every key of the annotation page, opened with `?`; Esc or the button closes it, focus stays inside. */
export function ShortcutHelp({ labels, onClose }: { labels: Label[]; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const keys: Array<[string, string]> = [
    ...labels.filter((l) => l.hotkey).map((l): [string, string] => [l.hotkey!, `Label the selected text “${l.name}” (or relabel the selected span)`]),
    ['→ / ←', 'With no span selected: move a caret word by word'],
    ['Shift + → / ←', 'With no span selected: select whole words from the caret (then press a label’s key); with a span selected: move its end by a word'],
    ['Alt + Shift + → / ←', 'Move the selected span’s start by a word'],
    ['Delete / Backspace', 'Delete the selected span'],
    ['Ctrl + Z', 'Undo'],
    ['Ctrl + Shift + Z / Ctrl + Y', 'Redo'],
    ['Esc', 'Drop the selection, close a menu or this help'],
    ['?', 'Show this help'],
  ];
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => (e.key === 'Escape' || e.key === '?') && (e.preventDefault(), e.stopPropagation(), onClose())}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="dialog card shortcut-help">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {keys.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={close} onClick={onClose} onKeyDown={(e) => e.key === 'Tab' && e.preventDefault()}>
          Close
        </button>
      </div>
    </div>
  );
}
