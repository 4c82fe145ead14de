/** Messages of checklist indicators: self-assessment, confirmation, green/yellow/red. */
export const checklistMessages = {
  vi: {},
  en: {},
} as const;
