/** Messages of agency scoring, rankings and snapshots. */
export const scoringMessages = {
  vi: {
    'nav.rankings': 'Xếp hạng',
  },
  en: {
    'nav.rankings': 'Rankings',
  },
} as const;
