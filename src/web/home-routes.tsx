/** The public home page and the signed-in landing page ("Công việc của tôi"). */
import { t } from '../platform/i18n';
import type { AppContext } from '../platform/context';
import { sendPage } from '../platform/http/render';
import { requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';

export async function registerHomeRoutes(app: TypedApp, _ctx: AppContext) {
  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    sendPage(
      req,
      reply,
      { title: t('home.title') },
      <div class="prose">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <section class="card">
          <h2>{t('home.staffEntry')}</h2>
          <p>{t('home.staffEntryText')}</p>
          <p>
            <a class="button" href={req.principal ? '/app' : '/login'}>
              {req.principal ? t('nav.work') : t('nav.login')}
            </a>
          </p>
        </section>
      </div>,
    ),
  );

  app.get('/app', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePrincipal(req);
    return sendPage(
      req,
      reply,
      { title: t('work.title') },
      <div>
        <h1>{t('work.title')}</h1>
        <p>{t('work.welcome', { name: p.fullName })}</p>
        <h2>{t('work.roles')}</h2>
        {p.grants.length === 0 ? (
          <p>{t('work.noRoles')}</p>
        ) : (
          <ul class="plain-list">
            {p.grants.map((g) => (
              <li key={`${g.role}-${g.unitId}`}>
                <strong>{t(`role.${g.role}` as any)}</strong> — <a href={`/org/${encodeURIComponent(g.unitCode)}`}>{g.unitName}</a>
              </li>
            ))}
          </ul>
        )}
      </div>,
    );
  });
}
