/**
 * Personal-data requests (Decree 13/2023/NĐ-CP): the submitter, proving the case with its code
 * and PIN, downloads everything held about them or has it erased (`/feedback/my-data`, and the
 * public JSON API); staff of the standing office or with `feedback.configure` do the same for a
 * person who asked in writing (`/admin/personal-data`, `/api/v1/feedback/personal-data`).
 * Failed code + PIN attempts count against the same limits as the lookup page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { attachmentHeader } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import { actorOf, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { assertLookupAllowed, countFailedLookup } from '../intake/limits';
import { findCaseByCode } from '../intake/queries';
import { pinMatches } from '../tracking-code';
import { eraseSubmitterData } from './erase-submitter-data';
import { exportSubmitterData } from './export-submitter-data';
import { canHandlePersonalDataRequests } from './policies';
import { type SubmissionRow, casesOfSubmitter } from './queries';
import { ConfirmErasePage, ErasedPage, MyDataForm, StaffPrivacyPage } from './views/privacy-pages';

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

const exportOut = z.object({
  format: z.string(),
  legalBasis: z.string(),
  exportedAt: z.string(),
  submitter: z.record(z.string(), z.unknown()),
  cases: z.array(z.record(z.string(), z.unknown())),
});
const erasureOut = z.object({
  items: z.array(z.object({ code: z.string(), alreadyErased: z.boolean(), attachmentsRemoved: z.number().int() })),
});
const codeParams = z.object({ code: z.string().max(40) });

export async function registerPrivacyRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const dataDir = ctx.config.dataDir;

  /** The case when code and PIN match (lookup limits apply); else throws the lookup's one generic error. */
  async function caseByPin(req: FastifyRequest, code: string, pin: string): Promise<SubmissionRow> {
    await assertLookupAllowed(db, req.ip, code);
    const found = code.length <= 40 ? await findCaseByCode(db, code) : null;
    if (!found || !(await pinMatches(db, found.code, pin.slice(0, 20)))) {
      await countFailedLookup(db, req.ip, code);
      throw AppError.of('NOT_FOUND', 'intake.lookup.failed');
    }
    return found;
  }

  function sendDownload(reply: FastifyReply, code: string, data: unknown) {
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', attachmentHeader(t('feedback.privacy.fileName', { code })))
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  }

  function staff(req: FastifyRequest) {
    const p = requirePrincipal(req);
    if (!canHandlePersonalDataRequests(p)) throw forbidden();
    return p;
  }

  async function caseForStaff(code: string) {
    const found = code && code.length <= 40 ? await findCaseByCode(db, code) : null;
    if (!found) throw AppError.of('NOT_FOUND', 'feedback.privacy.notFound', undefined, { code: t('feedback.privacy.notFound') });
    return found;
  }

  async function eraseAllOf(req: FastifyRequest, first: SubmissionRow, reason: string) {
    const cases = await casesOfSubmitter(db, first, true);
    const items = [];
    for (const c of cases) items.push(await eraseSubmitterData(db, dataDir, c, { actor: actorOf(req), requestedBy: 'staff', reason }));
    return items;
  }

  // --- the submitter (code + PIN) ---------------------------------------------------------------

  app.get('/feedback/my-data', { schema: { hide: true } }, async (req, reply) =>
    sendPage(req, reply, { title: t('feedback.privacy.title') }, <MyDataForm csrfToken={req.csrfToken} code="" />),
  );

  app.post('/feedback/my-data', { schema: { hide: true } }, async (req, reply) => {
    const code = formString(req.body, 'code').trim();
    const pin = formString(req.body, 'pin').trim();
    let found: SubmissionRow;
    try {
      found = await caseByPin(req, code, pin);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendPage(req, reply, { title: t('feedback.privacy.title'), status: err.status === 404 ? 400 : err.status }, <MyDataForm csrfToken={req.csrfToken} code={code} message={err.message} />);
    }
    if (formString(req.body, 'action') === 'erase') {
      return sendPage(req, reply, { title: t('feedback.privacy.confirmTitle') }, <ConfirmErasePage csrfToken={req.csrfToken} code={found.code} pin={pin} />);
    }
    const data = await exportSubmitterData(db, found, { actor: actorOf(req), sameContact: false, requestedBy: 'submitter' });
    return sendDownload(reply, found.code, data);
  });

  app.post('/feedback/my-data/erase', { schema: { hide: true } }, async (req, reply) => {
    const code = formString(req.body, 'code').trim();
    const pin = formString(req.body, 'pin').trim();
    let found: SubmissionRow;
    try {
      found = await caseByPin(req, code, pin);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendPage(req, reply, { title: t('feedback.privacy.title'), status: err.status === 404 ? 400 : err.status }, <MyDataForm csrfToken={req.csrfToken} code={code} message={err.message} />);
    }
    if (formString(req.body, 'confirm') !== 'on') {
      return sendPage(
        req,
        reply,
        { title: t('feedback.privacy.confirmTitle'), status: 400 },
        <ConfirmErasePage csrfToken={req.csrfToken} code={found.code} pin={pin} error={t('feedback.privacy.confirmRequired')} />,
      );
    }
    const r = await eraseSubmitterData(db, dataDir, found, { actor: actorOf(req), requestedBy: 'submitter' });
    return sendPage(req, reply, { title: t('feedback.privacy.doneTitle') }, <ErasedPage code={r.code} alreadyErased={r.alreadyErased} />);
  });

  app.post(
    '/api/v1/public/feedback/:code/personal-data',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: 'Everything held about the submitter of a case, as JSON (code + PIN; Decree 13/2023)',
        params: codeParams,
        body: z.object({ pin: z.string().max(20) }),
        response: { 200: exportOut },
      },
    },
    async (req) => {
      const found = await caseByPin(req, req.params.code, req.body.pin);
      return exportSubmitterData(db, found, { actor: actorOf(req), sameContact: false, requestedBy: 'submitter' });
    },
  );

  app.post(
    '/api/v1/public/feedback/:code/erasure',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: "Erase the submitter's personal data from a case, keeping its statistics (code + PIN; Decree 13/2023)",
        params: codeParams,
        body: z.object({ pin: z.string().max(20), confirm: z.literal(true, { message: t('feedback.privacy.confirmRequired') }) }),
        response: { 200: erasureOut },
      },
    },
    async (req) => {
      const found = await caseByPin(req, req.params.code, req.body.pin);
      return { items: [await eraseSubmitterData(db, dataDir, found, { actor: actorOf(req), requestedBy: 'submitter' })] };
    },
  );

  // --- staff, on a written request ----------------------------------------------------------------

  app.get('/admin/personal-data', { schema: { hide: true } }, async (req, reply) => {
    staff(req);
    return sendPage(req, reply, { title: t('feedback.privacy.staffTitle') }, <StaffPrivacyPage csrfToken={req.csrfToken} />);
  });

  app.post('/admin/personal-data', { schema: { hide: true } }, async (req, reply) => {
    staff(req);
    const code = formString(req.body, 'code').trim();
    const reason = formString(req.body, 'reason').normalize('NFC').trim().slice(0, 500);
    const erase = formString(req.body, 'action') === 'erase';
    const render = (status: number, errors: Record<string, string>) =>
      sendPage(req, reply, { title: t('feedback.privacy.staffTitle'), status }, <StaffPrivacyPage csrfToken={req.csrfToken} code={code} reason={reason} errors={errors} />);
    const errors: Record<string, string> = {};
    const found = code && code.length <= 40 ? await findCaseByCode(db, code) : null;
    if (!found) errors.code = t('feedback.privacy.notFound');
    if (erase && !reason) errors.reason = t('feedback.privacy.reasonRequired');
    if (erase && formString(req.body, 'confirm') !== 'on') errors.confirm = t('feedback.privacy.confirmRequired');
    if (!found || Object.keys(errors).length > 0) return render(found ? 400 : 404, errors);
    if (!erase) return sendDownload(reply, found.code, await exportSubmitterData(db, found, { actor: actorOf(req), sameContact: true, requestedBy: 'staff' }));
    const items = await eraseAllOf(req, found, reason);
    const notice = t('feedback.privacy.erasedCount', { count: items.length, codes: items.map((i) => i.code).join(', ') });
    return sendPage(req, reply, { title: t('feedback.privacy.staffTitle') }, <StaffPrivacyPage csrfToken={req.csrfToken} notice={notice} />);
  });

  app.get(
    '/api/v1/feedback/personal-data',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Everything held about the submitter of a case and every case with the same contact (standing office or feedback.configure)',
        querystring: z.object({ code: z.string().max(40) }),
        response: { 200: exportOut },
      },
      // who may ask comes before what they asked: an anonymous caller gets 401, not a validation error
      preValidation: async (req) => void staff(req),
    },
    async (req) => {
      staff(req);
      const found = await caseForStaff(req.query.code);
      return exportSubmitterData(db, found, { actor: actorOf(req), sameContact: true, requestedBy: 'staff' });
    },
  );

  app.post(
    '/api/v1/feedback/personal-data/erasure',
    {
      schema: {
        tags: ['feedback'],
        summary: "Erase a submitter's personal data from every case with the same contact (standing office or feedback.configure)",
        body: z.object({ code: z.string().max(40), reason: z.string().trim().min(1, t('feedback.privacy.reasonRequired')).max(500) }),
        response: { 200: erasureOut },
      },
      preValidation: async (req) => void staff(req),
    },
    async (req) => {
      staff(req);
      const found = await caseForStaff(req.body.code);
      return { items: await eraseAllOf(req, found, req.body.reason) };
    },
  );
}
