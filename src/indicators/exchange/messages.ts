/** Messages of indicator value import and export (CSV, DHIS2 dataValueSets). */
export const indicatorExchangeMessages = {
  vi: {},
  en: {},
} as const;
