/**
 * The page shell every server-rendered page uses: skip link, header with the platform name,
 * navigation chosen by the viewer's permissions, flash message, main content and footer.
 */
import type { ComponentChildren } from 'preact';
import { type Principal, canAnywhere } from '../org/policies';
import { t } from '../platform/i18n';
import { canReviewAnywhere, canUseReports } from '../monitoring/reports/policies';

export interface PageChrome {
  principal: Principal | null;
  csrfToken: string;
  path: string;
  flash?: string | null;
  demo?: boolean;
}

interface NavItem {
  href: string;
  label: string;
}

function navItems(principal: Principal | null): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: t('nav.home') }, { href: '/feedback', label: t('nav.feedback') }];
  items.push({ href: '/news', label: t('nav.news') }, { href: '/progress', label: t('nav.progress') }, { href: '/documents', label: t('nav.documents') }, { href: '/search', label: t('nav.search') });
  if (!principal) return items;
  items.push({ href: '/app', label: t('nav.work') });
  if (canAnywhere(principal, 'task.read')) items.push({ href: '/dashboard', label: t('nav.dashboard') });
  if (canAnywhere(principal, 'task.read')) items.push({ href: '/tasks', label: t('nav.tasks') });
  if (canAnywhere(principal, 'task.read')) items.push({ href: '/indicators', label: t('nav.indicators') });
  if (canAnywhere(principal, 'task.read')) items.push({ href: '/checklists', label: t('nav.checklists') });
  if (canAnywhere(principal, 'task.read')) items.push({ href: '/rankings', label: t('nav.rankings') });
  if (canAnywhere(principal, 'feedback.read') || canAnywhere(principal, 'feedback.triage')) items.push({ href: '/cases', label: t('nav.cases') });
  if (canAnywhere(principal, 'feedback.read') || canAnywhere(principal, 'feedback.triage')) items.push({ href: '/cases/overdue', label: t('nav.casesOverdue') });
  if (canReviewAnywhere(principal)) items.push({ href: '/reviews', label: t('nav.reviews') });
  if (canUseReports(principal)) items.push({ href: '/bottlenecks', label: t('nav.bottlenecks') });
  if (canAnywhere(principal, 'oversight.national') || canAnywhere(principal, 'report.review')) items.push({ href: '/briefing', label: t('nav.briefing') });
  if (canAnywhere(principal, 'portal.write') || canAnywhere(principal, 'portal.publish')) items.push({ href: '/editor', label: t('nav.editor') });
  if (canAnywhere(principal, 'initiative.review') || canAnywhere(principal, 'initiative.decide')) items.push({ href: '/initiatives', label: t('nav.initiatives') });
  if (canAnywhere(principal, 'org.read')) items.push({ href: '/org', label: t('nav.directory') });
  if (canAnywhere(principal, 'user.manage')) items.push({ href: '/admin/users', label: t('nav.users') });
  if (canAnywhere(principal, 'outbox.read')) items.push({ href: '/admin/outbox', label: t('nav.outbox') });
  if (canAnywhere(principal, 'feedback.configure')) items.push({ href: '/admin/feedback-sla', label: t('nav.feedbackSla') });
  if (canAnywhere(principal, 'feedback.configure') || canAnywhere(principal, 'feedback.triage')) items.push({ href: '/admin/personal-data', label: t('nav.personalData') });
  return items;
}

function isCurrent(path: string, href: string) {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function Layout(props: { chrome: PageChrome; title: string; children: ComponentChildren; wide?: boolean }) {
  const { chrome } = props;
  const items = navItems(chrome.principal);
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                57
              </span>
              <span class="brand-text">
                <span class="brand-name">{t('app.name')}</span>
                <span class="brand-owner">{t('app.owner')}</span>
              </span>
            </a>
            <div class="header-account">
              {chrome.principal ? (
                <>
                  <a class="account-link" href="/account">
                    {chrome.principal.fullName}
                  </a>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="_csrf" value={chrome.csrfToken} />
                    <button type="submit" class="button-link">
                      {t('nav.logout')}
                    </button>
                  </form>
                </>
              ) : (
                <a class="button button-small" href="/login">
                  {t('nav.login')}
                </a>
              )}
            </div>
          </div>
          <nav class="site-nav" aria-label={t('nav.label')}>
            <ul class="container nav-list">
              {items.map((i) => (
                <li key={i.href}>
                  <a href={i.href} aria-current={isCurrent(chrome.path, i.href) ? 'page' : undefined}>
                    {i.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {chrome.demo ? (
            <div class="demo-banner" role="note">
              <div class="container">{t('app.demoBanner')}</div>
            </div>
          ) : null}
        </header>
        <main id="main" class={props.wide ? 'container container-wide' : 'container'} tabIndex={-1}>
          {chrome.flash ? (
            <div class="notice notice-success" role="status">
              {chrome.flash}
            </div>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('app.footer')}</p>
            <p>
              <a href="/api/docs">API</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
