import { keepPreviousData } from '@tanstack/react-query';

/** How often a live page asks again while it is visible. */
export const LIVE_MS = 5_000;

/**
 * Query options for pages that watch work in progress (the project's progress,
 * the agreement dashboard): asked again on focus and every `ms` while the tab
 * is visible (never in the background), the last answer kept on screen
 * meanwhile so nothing flickers.
 */
export const live = (ms = LIVE_MS) =>
  ({
    refetchOnWindowFocus: true,
    refetchInterval: ms,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  }) as const;
