/** The public home page: featured and latest news, national progress, doors into PAKN-GPSK with the latest published answers, latest documents, and the staff door. */
import { formatDate, t } from '../../platform/i18n';
import type { ArticleCard } from '../queries';
import type { legalDocument } from '../schema';
import { ArticleCardView } from './common';
import { DocumentsTable, PortalMenu, ProgressFigures } from './public-pages';

export interface HomeData {
  featured: ArticleCard[];
  latest: ArticleCard[];
  docs: { doc: typeof legalDocument.$inferSelect }[];
  answers: { code: string; title: string; publishedAt: Date | null }[];
  progress: Record<string, number>;
  signedIn: boolean;
  menu: { id: string; label: string; href: string }[];
}

export function HomePage(props: HomeData) {
  const total = Object.values(props.progress).reduce((a, b) => a + b, 0);
  return (
    <div class="portal-home">
      <div class="prose">
        <h1>{t('portal.home.title')}</h1>
        <p class="lead">{t('portal.home.lead')}</p>
      </div>
      <PortalMenu items={props.menu} />
      <search>
        <form method="get" action="/search" class="portal-search">
          <div class="field">
            <label for="home-q">{t('portal.search.q')}</label>
            <div class="portal-search-row">
              <input id="home-q" name="q" type="search" maxLength={200} />
              <button type="submit" class="button">
                {t('portal.search.submit')}
              </button>
            </div>
          </div>
        </form>
      </search>

      {props.featured.length ? (
        <section aria-labelledby="home-featured" class="portal-featured">
          <h2 id="home-featured">{t('portal.news.featured')}</h2>
          <div class="portal-list">
            {props.featured.map((a) => (
              <ArticleCardView key={a.id} a={a} headingLevel={3} withCover />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="home-latest">
        <h2 id="home-latest">{t('portal.news.latest')}</h2>
        {props.latest.length ? (
          <div class="portal-list">
            {props.latest.map((a) => (
              <ArticleCardView key={a.id} a={a} headingLevel={3} />
            ))}
          </div>
        ) : (
          <p>{t('portal.news.empty')}</p>
        )}
        <p>
          <a href="/news">{t('portal.news.readMore')}</a>
        </p>
      </section>

      <section aria-labelledby="home-progress" class="card">
        <h2 id="home-progress">{t('portal.home.progress')}</h2>
        <p>{t('portal.home.progressLead')}</p>
        <ProgressFigures counts={props.progress} total={total} />
      </section>

      <section aria-labelledby="home-pakn" class="card">
        <h2 id="home-pakn">{t('portal.home.pakn')}</h2>
        <p>{t('portal.home.paknLead')}</p>
        <p class="form-actions">
          <a class="button" href="/feedback/new">
            {t('portal.home.paknSend')}
          </a>
          <a class="button button-secondary" href="/feedback/lookup">
            {t('portal.home.paknLookup')}
          </a>
          <a href="/feedback">{t('portal.home.paknAll')}</a>
        </p>
        <h3>{t('portal.home.answers')}</h3>
        {props.answers.length ? (
          <ul class="plain-list">
            {props.answers.map((a) => (
              <li key={a.code}>
                <a href={`/feedback/answers/${encodeURIComponent(a.code)}`}>{a.title}</a>
                {a.publishedAt ? <span class="muted"> · {formatDate(a.publishedAt)}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.home.noAnswers')}</p>
        )}
      </section>

      <section aria-labelledby="home-docs">
        <h2 id="home-docs">{t('portal.docs.latest')}</h2>
        {props.docs.length ? <DocumentsTable docs={props.docs} /> : <p>{t('portal.docs.empty')}</p>}
        <p>
          <a href="/documents">{t('portal.docs.readMore')}</a>
        </p>
      </section>

      <section aria-labelledby="home-staff" class="card">
        <h2 id="home-staff">{t('portal.home.staff')}</h2>
        <p>{t('portal.home.staffLead')}</p>
        <p>
          <a class="button" href={props.signedIn ? '/app' : '/login'}>
            {props.signedIn ? t('nav.work') : t('nav.login')}
          </a>
        </p>
      </section>
    </div>
  );
}
