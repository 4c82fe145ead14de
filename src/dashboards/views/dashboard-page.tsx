/**
 * The dashboard pages: the main one (national for the standing office, the viewer's subtrees for
 * others) and a ministry's or province's. Server-rendered and complete without JavaScript; the
 * live script (dashboard-live.js) listens to the event stream and swaps sections in place.
 */
import type { ComponentChildren } from 'preact';
import { formatDateTime, t } from '../../platform/i18n';
import type { SectionData } from '../dashboard-view';
import { sectionHtml } from './section-html';

/** "HH:mm" in Vietnam time */
export function clockTime(now: Date): string {
  return formatDateTime(now).slice(-5);
}

/** The live frame: the stream address, the visible update time and the polite announcement region. */
export function LiveFrame(props: { now: Date; children: ComponentChildren }) {
  return (
    <div class="dash" data-live-stream="/api/v1/dashboard/stream" data-live-message={t('dashboard.live.updated')} data-updated-template={t('dashboard.updatedAt', { time: '{time}' })}>
      <p class="dash-live">
        <span data-updated-at>{t('dashboard.updatedAt', { time: clockTime(props.now) })}</span>. <span class="hint">{t('dashboard.live.note')}</span>
      </p>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-live-status />
      {props.children}
      <script src="/assets/dashboard-live.js" defer />
    </div>
  );
}

export function DashboardPage(props: { sections: SectionData[]; scopeLabel: string; now: Date; unitCode?: string | null; title?: string; back?: boolean }) {
  return (
    <div>
      <div class="page-header">
        <h1>{props.title ?? t('dashboard.title')}</h1>
      </div>
      <p class="lead">
        {props.scopeLabel}. {t('dashboard.asOf', { time: formatDateTime(props.now) })}
      </p>
      <p class="dash-nav">
        {props.back ? (
          <>
            <a href="/dashboard">{t('dashboard.unit.back')}</a> ·{' '}
          </>
        ) : null}
        <a href={props.unitCode ? `/dashboard/compare?units=${encodeURIComponent(props.unitCode)}` : '/dashboard/compare'}>{props.unitCode ? t('dashboard.unit.compareLink') : t('dashboard.compare.link')}</a>
      </p>
      <LiveFrame now={props.now}>
        {props.sections.map((s) => (
          // a wrapper without a box of its own: the section inside is what the live script swaps
          <div key={s.name} class="dash-slot" dangerouslySetInnerHTML={{ __html: sectionHtml(s, props.unitCode ?? null) }} />
        ))}
      </LiveFrame>
    </div>
  );
}
