/** The PAKN-GPSK landing page (doors to submit, look up, answers, statistics) and the posting conditions. */
import { t } from '../../../platform/i18n';

export function LandingPage() {
  const doors = [
    { href: '/feedback/new', title: t('intake.landing.submit'), hint: t('intake.landing.submitHint') },
    { href: '/feedback/lookup', title: t('intake.landing.lookup'), hint: t('intake.landing.lookupHint') },
    { href: '/feedback/answers', title: t('intake.landing.answers'), hint: t('intake.landing.answersHint') },
    { href: '/feedback/statistics', title: t('intake.landing.statistics'), hint: t('intake.landing.statisticsHint') },
    { href: '/feedback/my-data', title: t('intake.landing.myData'), hint: t('intake.landing.myDataHint') },
  ];
  return (
    <div>
      <h1>{t('intake.landing.title')}</h1>
      <p class="lead">{t('intake.landing.lead')}</p>
      <ul class="plain-list feedback-doors">
        {doors.map((d) => (
          <li key={d.href} class="card">
            <h2>
              <a href={d.href}>{d.title}</a>
            </h2>
            <p>{d.hint}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/feedback/terms">{t('intake.landing.terms')}</a>
      </p>
    </div>
  );
}

export function TermsPage() {
  return (
    <div class="prose">
      <h1>{t('intake.terms.title')}</h1>
      <p>{t('intake.terms.intro')}</p>
      <ol>
        <li>{t('intake.terms.language')}</li>
        <li>{t('intake.terms.truthful')}</li>
        <li>{t('intake.terms.secrets')}</li>
        <li>{t('intake.terms.insults')}</li>
        <li>{t('intake.terms.duplicates')}</li>
        <li>{t('intake.terms.complaints')}</li>
      </ol>
      <h2>{t('intake.terms.dataTitle')}</h2>
      <p>{t('intake.terms.data1')}</p>
      <p>{t('intake.terms.data2')}</p>
      <p>{t('intake.terms.data3')}</p>
      <p>
        <a class="button" href="/feedback/new">
          {t('intake.landing.submit')}
        </a>
      </p>
    </div>
  );
}

export function SuccessPage(props: { code: string; pin: string; replayed: boolean; email?: string | null; staff?: boolean }) {
  return (
    <div>
      <h1>{t('intake.success.title')}</h1>
      <div class="notice notice-success" role="status">
        <p>{props.staff ? t('intake.success.staffLead') : t('intake.success.lead')}</p>
        {props.replayed ? <p>{t('intake.success.replayed')}</p> : null}
      </div>
      <dl class="summary-list secret">
        <dt>{t('intake.success.code')}</dt>
        <dd class="mono" id="tracking-code">
          {props.code}
        </dd>
        <dt>{t('intake.success.pin')}</dt>
        <dd class="mono" id="tracking-pin">
          {props.pin}
        </dd>
      </dl>
      <p>{t('intake.success.keep')}</p>
      {props.email ? <p>{t('intake.success.mailed', { email: props.email })}</p> : null}
      <p>
        {t('intake.success.lookup')} <a href="/feedback/lookup">{t('intake.landing.lookup')}</a>
      </p>
    </div>
  );
}
