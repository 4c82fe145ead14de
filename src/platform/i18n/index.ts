/**
 * The message catalogue: every user-facing string lives in a module's `messages.ts`
 * (Vietnamese first, English second) and is looked up here by key, with `{name}` parameters.
 */
import { authMessages } from '../auth/messages';
import { platformMessages } from './messages';
import { orgMessages } from '../../org/messages';
import { fileMessages } from '../files/messages';
import { reportMessages } from '../../monitoring/reports/messages';
import { monitoringMessages } from '../../monitoring/messages';
import { briefingMessages } from '../../monitoring/briefing/messages';
import { taskImportMessages } from '../../monitoring/import/messages';
import { calendarMessages } from '../../monitoring/calendar/messages';
import { savedFilterMessages } from '../../monitoring/saved-filters/messages';
import { feedbackMessages } from '../../feedback/messages';
import { dashboardMessages } from '../../dashboards/messages';
import { publicTaskMessages } from '../../monitoring/public/messages';
import { publicFeedbackMessages } from '../../feedback/public/messages';
import { initiativeMessages } from '../../feedback/initiatives/messages';
import { caseMessages } from '../../feedback/cases/messages';
import { intakeMessages } from '../../feedback/intake/messages';
import { deadlineMessages } from '../../feedback/deadlines/messages';
import { portalMessages } from '../../portal/messages';
import { triageMessages } from '../../feedback/triage/messages';
import { indicatorMessages } from '../../indicators/messages';
import { checklistMessages } from '../../indicators/checklist/messages';
import { indicatorExchangeMessages } from '../../indicators/exchange/messages';
import { scoringMessages } from '../../indicators/scoring/messages';
import { publicProgressMessages } from '../../dashboards/public/messages';

export type Locale = 'vi' | 'en';
type Catalogue = Record<string, string>;
export type ModuleMessages = { vi: Catalogue; en: Partial<Catalogue> };

const modules: ModuleMessages[] = [platformMessages, authMessages, orgMessages, fileMessages, reportMessages, monitoringMessages, taskImportMessages, briefingMessages, calendarMessages, savedFilterMessages, feedbackMessages, dashboardMessages, publicTaskMessages, publicFeedbackMessages, initiativeMessages, intakeMessages, caseMessages, deadlineMessages, portalMessages, triageMessages, indicatorMessages, checklistMessages, indicatorExchangeMessages, scoringMessages, publicProgressMessages];

const catalogues: Record<Locale, Catalogue> = { vi: {}, en: {} };
for (const m of modules) {
  for (const [key, value] of Object.entries(m.vi)) {
    if (key in catalogues.vi) throw new Error(`Duplicate message key: ${key}`);
    catalogues.vi[key] = value.normalize('NFC');
  }
  Object.assign(catalogues.en, m.en);
}

export type MessageKey =
  | keyof typeof platformMessages.vi
  | keyof typeof authMessages.vi
  | keyof typeof orgMessages.vi | keyof typeof fileMessages.vi | keyof typeof reportMessages.vi
  | keyof typeof monitoringMessages.vi
  | keyof typeof briefingMessages.vi
  | keyof typeof taskImportMessages.vi
  | keyof typeof calendarMessages.vi
  | keyof typeof savedFilterMessages.vi
  | keyof typeof feedbackMessages.vi
  | keyof typeof dashboardMessages.vi
  | keyof typeof publicTaskMessages.vi
  | keyof typeof publicFeedbackMessages.vi
  | keyof typeof initiativeMessages.vi
  | keyof typeof caseMessages.vi
  | keyof typeof intakeMessages.vi
  | keyof typeof deadlineMessages.vi
  | keyof typeof portalMessages.vi
  | keyof typeof triageMessages.vi
  | keyof typeof indicatorMessages.vi
  | keyof typeof checklistMessages.vi
  | keyof typeof indicatorExchangeMessages.vi
  | keyof typeof scoringMessages.vi
  | keyof typeof publicProgressMessages.vi;

export function t(key: MessageKey, params?: Record<string, string | number>, locale: Locale = 'vi'): string {
  const template = catalogues[locale][key] ?? catalogues.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): key is MessageKey {
  return key in catalogues.vi;
}

/** Every key of the Vietnamese catalogue, for completeness checks. */
export function messageKeys(): string[] {
  return Object.keys(catalogues.vi);
}

const numberFormat = new Intl.NumberFormat('vi-VN');
const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Ho_Chi_Minh',
});
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'Asia/Ho_Chi_Minh',
});

/** 1234.5 → "1.234,5" */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** → "dd/mm/yyyy" in Asia/Ho_Chi_Minh */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  return dateFormat.format(typeof d === 'string' ? new Date(d) : d);
}

/** → "dd/mm/yyyy HH:mm" in Asia/Ho_Chi_Minh */
export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const parts = dateTimeFormat.formatToParts(typeof d === 'string' ? new Date(d) : d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
