/** Labels and formatted rows shared by the page, the PDF and the XLSX of the briefing. */
import { formatDate, formatDateTime, t } from '../../platform/i18n';
import type { Briefing } from './build-briefing';

export function briefingScopeLabel(b: Briefing): string {
  if (b.scope.unit) return `${b.scope.unit.name} (${b.scope.unit.code})`;
  return b.scope.roots === null ? t('briefing.scope.national') : t('briefing.scope.mine');
}

export const timelinessLabel = (onTime: boolean | null) => (onTime === null ? t('report.noDue') : onTime ? t('report.onTime') : t('report.late'));

export function briefingRows(b: Briefing) {
  const counts: [string, number][] = [
    [t('briefing.count.overdue'), b.counts.overdue],
    [t('briefing.count.overdueUnits'), b.counts.overdueUnits],
    [t('briefing.count.dueSoon'), b.counts.dueSoon],
    [t('briefing.count.awaitingReview'), b.counts.awaitingReview],
    [t('briefing.count.awaitingReviewLate'), b.counts.awaitingReviewLate],
    [t('briefing.count.newBottlenecks'), b.counts.newBottlenecks],
  ];
  return {
    counts,
    awaitingReview: b.awaitingReview.map((r) => ({
      ...r,
      period: r.periodLabel ?? t('briefing.adHoc'),
      submittedAt: formatDateTime(r.submittedAt),
      timeliness: timelinessLabel(r.onTime),
    })),
    newBottlenecks: b.newBottlenecks.map((r) => ({
      ...r,
      taskCode: r.taskCode ?? t('briefing.none'),
      raisedAt: formatDate(r.createdAt),
      status: t(`bottleneck.status.${r.status}`),
    })),
  };
}
