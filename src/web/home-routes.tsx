/** The public home page and the signed-in landing page ("Công việc của tôi"). */
import { t } from '../platform/i18n';
import type { AppContext } from '../platform/context';
import { sendPage } from '../platform/http/render';
import { requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { myWork } from '../monitoring/my-work';
import { MyWorkPage } from '../monitoring/views/my-work';

export async function registerHomeRoutes(app: TypedApp, ctx: AppContext) {
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
    const { tasks, notices } = await myWork(ctx.db, p);
    return sendPage(req, reply, { title: t('work.title'), wide: true }, <MyWorkPage principal={p} tasks={tasks} notices={notices} />);
  });
}
