import { useEffect, useState } from 'react';

/**
 * Scrolls the selected span into view and flashes it, when it was chosen
 * somewhere else than in the text (the span list): `reveal(u16Start)` takes
 * the span's start in UTF-16 units. The paragraph holding it is scrolled to
 * first (the text draws marks only for paragraphs on screen), then the span's
 * outline once drawn.
 */
export function useRevealSpan() {
  const [target, setTarget] = useState<number | null>(null);
  useEffect(() => {
    if (target === null) return;
    const paras = [...document.querySelectorAll<HTMLElement>('.text-view .para')];
    const para = paras.filter((p) => Number(p.dataset.u16) <= target).at(-1);
    para?.scrollIntoView({ block: 'center' });
    let tries = 0;
    let timer = 0;
    const flash = () => {
      const outline = document.querySelector<HTMLElement>('.text-view .outline');
      if (!outline && tries++ < 20) return void (timer = window.setTimeout(flash, 50));
      setTarget(null);
      if (!outline) return;
      outline.scrollIntoView({ block: 'center' });
      outline.classList.remove('flash');
      void outline.offsetWidth; // restart the animation
      outline.classList.add('flash');
    };
    timer = window.setTimeout(flash, 0);
    return () => window.clearTimeout(timer);
  }, [target]);
  return setTarget;
}
