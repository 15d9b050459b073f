import { useState } from 'react';
import type { Token } from '@mbw/shared';
import { stepBoundary } from './layout';

type Range = { start: number; end: number };

/**
 * Span creation from the keyboard alone: with no span selected, ← and → move
 * a caret word by word, Shift+→ / Shift+← grow and shrink a selection from
 * the caret by whole words, and the page's label hotkey then labels it (the
 * selection is the page's pending selection, as a mouse selection would be).
 */
export function useCaretKeys(tokens: Token[], length: number, setPending: (r: Range | null) => void) {
  const [caret, setCaret] = useState<{ anchor: number; focus: number } | null>(null);
  const onKey = (e: KeyboardEvent): boolean => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return false;
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    e.preventDefault();
    const dir = e.key === 'ArrowRight' ? 1 : -1;
    const at = caret ?? { anchor: -1, focus: -1 };
    if (!e.shiftKey || !caret) {
      const focus = Math.max(0, stepBoundary(at.focus, dir, 'start', tokens, length));
      setCaret({ anchor: focus, focus });
      setPending(null);
      if (!e.shiftKey) return true;
      at.anchor = at.focus = focus;
    }
    const moved = stepBoundary(at.focus, dir, 'end', tokens, length);
    const focus = Math.max(at.anchor, moved);
    setCaret({ anchor: at.anchor, focus });
    setPending(focus > at.anchor ? { start: at.anchor, end: focus } : null);
    return true;
  };
  return { caret, onKey, reset: () => setCaret(null) };
}
