/** Messages of agency scoring, rankings and snapshots. */
export const scoringMessages = {
  vi: {},
  en: {},
} as const;
