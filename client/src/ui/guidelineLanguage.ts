import { useSyncExternalStore } from 'react';

export const GUIDELINE_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'German' },
] as const;
export type GuidelineLanguage = (typeof GUIDELINE_LANGUAGES)[number]['code'];

const KEY = 'mbw.guidelineLanguage';

const listeners = new Set<() => void>();
const read = (): GuidelineLanguage => {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'de') return saved;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
};
const subscribe = (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener));
const choose = (lang: GuidelineLanguage) => (localStorage.setItem(KEY, lang), listeners.forEach((l) => l()));

/** The language guidelines are read in: the one last chosen (every card follows a change), else the browser's, German or English. */
export function useGuidelineLanguage(): [GuidelineLanguage, (lang: GuidelineLanguage) => void] {
  return [useSyncExternalStore(subscribe, read), choose];
}

/** A label's guideline in `lang`, else English, else any: with the language it is in. */
export function guidelineIn(guidelines: Record<string, string>, lang: string): { text: string; lang: string } | null {
  for (const l of [lang, 'en', ...Object.keys(guidelines)]) {
    const text = guidelines[l];
    if (text?.trim()) return { text, lang: l };
  }
  return null;
}
