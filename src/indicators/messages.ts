/** Messages of the indicator catalogue, values, approval and confidence ratings. */
export const indicatorMessages = {
  vi: {},
  en: {},
} as const;
