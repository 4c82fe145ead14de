/** Messages of the public progress page (3 công khai) and its open data. */
export const publicProgressMessages = {
  vi: {},
  en: {},
} as const;
