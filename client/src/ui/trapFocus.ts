import type { KeyboardEvent, RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keyboard handling of a modal dialog: Esc closes it, Tab and Shift+Tab cycle inside it. */
export function dialogKeys(box: RefObject<HTMLElement | null>, onClose: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Escape') return void (e.preventDefault(), e.stopPropagation(), onClose());
    if (e.key !== 'Tab') return;
    const items = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (items.length === 0) return;
    const i = items.indexOf(document.activeElement as HTMLElement);
    e.preventDefault();
    items[(i + (e.shiftKey ? -1 : 1) + items.length) % items.length]!.focus();
  };
}
