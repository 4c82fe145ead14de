/** User administration, role assignment and the mail outbox (pages and API). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError, forbidden, notFound } from '../platform/errors';
import { type MessageKey, t } from '../platform/i18n';
import { sendPage, setFlash } from '../platform/http/render';
import { actorOf, requirePermission, requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { findOutboxMessage, listOutbox } from '../platform/mail/queries';
import { prepareSearch } from './search';
import { assignRole } from './assign-role';
import { createUser, createUserInput } from './create-user';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from './cursor';
import { type Principal, ROLE_PERMISSIONS, can, canAssignRole, scopeRoots } from './policies';
import { presentUser, userOut, userPageOut } from './presenters';
import { type UserForAdmin, type UserListKey, findUnitByCode, isUuid, listUsers, loadUserForAdmin, rootUnit } from './queries';
import { resetSecondFactor } from './reset-second-factor';
import { isResendable, resendMail } from './resend-mail';
import { revokeRole } from './revoke-role';
import { listingTag, limitParam } from './routes';
import { ROLES, type Role } from './schema';
import { setUserStatus } from './set-user-status';
import { unlockUser } from './unlock-user';
import { canManageAccount, canSeeUser } from './user-scope';
import { hrefWith } from './views/common';
import { OutboxListPage, OutboxMessagePage } from './views/outbox-pages';
import { UserDetailPage } from './views/user-detail-page';
import { NewUserPage, type NewUserValues } from './views/user-new-page';
import { type UserFilters, UsersPage } from './views/users-page';

const USERS_PAGE_SIZE = 50;
const OUTBOX_PAGE_SIZE = 50;
export const USERS_MAX_LIMIT = 200;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const needsUserManage = async (req: FastifyRequest) => {
  requirePermission(req, 'user.manage');
};

/** One string from a form body (the first, if a field was sent twice). */
function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

/** A filter parameter: blank means "any". */
const blankable = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Names of the units where the principal manages users (their scope roots). */
function scopeNames(p: Principal): string[] {
  const roots = scopeRoots(p, 'user.manage');
  const names = p.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('user.manage') && roots.includes(g.unitPath)).map((g) => g.unitName);
  return [...new Set(names)];
}

interface UserQuery {
  q?: string;
  role?: Role;
  unit?: string;
  status?: 'active' | 'disabled';
  cursor?: string;
}

export async function registerAdminRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  /** The scoped, filtered, keyset-paged user listing shared by the page and the API. */
  async function userListing(p: Principal, query: UserQuery, limit: number) {
    const roots = scopeRoots(p, 'user.manage');
    let unitPath: string | undefined;
    if (query.unit) {
      const unit = await findUnitByCode(db, query.unit);
      if (!unit) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { unit: t('user.unknownUnit', { code: query.unit }) });
      unitPath = unit.path;
    }
    const q = prepareSearch(query.q);
    const tag = listingTag('usr', { q: q?.folded ?? null, role: query.role ?? null, unit: query.unit ?? null, status: query.status ?? null, roots });
    let after: UserListKey | null = null;
    if (query.cursor) after = decodeCursor(query.cursor, tag, ['string', 'string'], (v) => isUuid(String(v[1]))) as UserListKey;
    const rows = await listUsers(db, { scopeRoots: roots, q, role: query.role, unitPath, status: query.status, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    return { rows: page, nextCursor: rows.length > limit ? encodeCursor(tag, page[page.length - 1].key) : null };
  }

  /** Loads a user the principal may see: 404 for unknown or malformed ids, 403 outside their scope. */
  async function visibleUser(p: Principal, id: string): Promise<UserForAdmin> {
    if (!isUuid(id)) throw AppError.of('NOT_FOUND', 'user.notFound');
    const target = await loadUserForAdmin(db, id);
    if (!target) throw AppError.of('NOT_FOUND', 'user.notFound');
    if (!canSeeUser(p, target.placement)) throw AppError.of('FORBIDDEN', 'user.outOfScope');
    return target;
  }

  function renderUserDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    target: UserForAdmin,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null; addRole?: { role: string; orgCode: string } } = {},
  ) {
    const p = req.principal!;
    const { user, homeUnit, roles } = target;
    return sendPage(
      req,
      reply,
      { title: user.fullName, status: opts.status },
      <UserDetailPage
        csrfToken={req.csrfToken}
        user={{
          ...user,
          homeUnit: { code: homeUnit.code, name: homeUnit.name },
          roles: roles.map((r) => ({ ...r, removable: canAssignRole(p, r.role, { path: r.unitPath, code: r.unitCode }) })),
        }}
        canManageAccount={canManageAccount(p, target.placement)}
        addRole={opts.addRole ?? { role: 'officer', orgCode: '' }}
        errors={opts.errors}
        message={opts.message}
      />,
    );
  }

  /**
   * Runs a write from the user page: on success a flash and a redirect back (POST/redirect/GET);
   * on invalid input or a refused change, the page again with the error at the top.
   */
  async function userAction(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    action: (p: Principal) => Promise<unknown>,
    flash: MessageKey,
    addRole?: { role: string; orgCode: string },
  ) {
    const p = requirePrincipal(req);
    await visibleUser(p, id);
    try {
      await action(p);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) {
        const target = await loadUserForAdmin(db, id);
        if (!target) throw err;
        return renderUserDetail(req, reply, target, {
          status: err.status,
          errors: err.fields ?? null,
          message: err.fields ? null : err.message,
          addRole,
        });
      }
      throw err;
    }
    setFlash(reply, flash);
    return reply.redirect(`/admin/users/${id}`, 303);
  }

  // --- pages: users ----------------------------------------------------------------------------

  const usersPageQuery = z.object({
    q: z.string().max(200).optional(),
    role: z.string().max(40).optional(),
    unit: z.string().max(40).optional(),
    status: z.string().max(20).optional(),
    cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
  });

  app.get('/admin/users', { schema: { hide: true, querystring: usersPageQuery }, preValidation: needsUserManage }, async (req, reply) => {
    const p = req.principal!;
    const filters: UserFilters = {
      q: (req.query.q ?? '').trim(),
      role: (ROLES as readonly string[]).includes(req.query.role ?? '') ? req.query.role! : '',
      unit: (req.query.unit ?? '').trim(),
      status: req.query.status === 'active' || req.query.status === 'disabled' ? req.query.status : '',
    };
    const query: UserQuery = {
      q: filters.q || undefined,
      role: (filters.role || undefined) as Role | undefined,
      unit: filters.unit || undefined,
      status: (filters.status || undefined) as UserQuery['status'],
      cursor: req.query.cursor || undefined,
    };
    let listing: Awaited<ReturnType<typeof userListing>>;
    try {
      listing = await userListing(p, query, USERS_PAGE_SIZE);
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields?.unit) throw err;
      return sendPage(
        req,
        reply,
        { title: t('admin.users.title'), status: 400, wide: true },
        <UsersPage filters={filters} errors={err.fields} scopeNames={scopeNames(p)} users={[]} firstHref={null} nextHref={null} />,
      );
    }
    const params = { q: filters.q, role: filters.role, unit: filters.unit, status: filters.status };
    return sendPage(
      req,
      reply,
      { title: t('admin.users.title'), wide: true },
      <UsersPage
        filters={filters}
        scopeNames={scopeNames(p)}
        users={listing.rows}
        firstHref={query.cursor ? hrefWith('/admin/users', params) : null}
        nextHref={listing.nextCursor ? hrefWith('/admin/users', { ...params, cursor: listing.nextCursor }) : null}
      />,
    );
  });

  app.get('/admin/users/new', { schema: { hide: true }, preValidation: needsUserManage }, async (req, reply) => {
    const p = req.principal!;
    const home = p.grants.find((g) => ROLE_PERMISSIONS[g.role].includes('user.manage'));
    const values: NewUserValues = { email: '', fullName: '', jobTitle: '', phone: '', role: 'officer', orgCode: home?.unitCode ?? '' };
    return sendPage(req, reply, { title: t('admin.users.newTitle') }, <NewUserPage csrfToken={req.csrfToken} values={values} />);
  });

  app.post('/admin/users/new', { schema: { hide: true }, preValidation: needsUserManage }, async (req, reply) => {
    const p = req.principal!;
    const values: NewUserValues = {
      email: formString(req.body, 'email'),
      fullName: formString(req.body, 'fullName'),
      jobTitle: formString(req.body, 'jobTitle'),
      phone: formString(req.body, 'phone'),
      role: formString(req.body, 'role'),
      orgCode: formString(req.body, 'orgCode'),
    };
    try {
      const { user } = await createUser(
        db,
        { ...values, role: values.role as Role, password: formString(req.body, 'password') },
        { principal: p, actor: actorOf(req) },
      );
      setFlash(reply, 'admin.users.created');
      return reply.redirect(`/admin/users/${user.id}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT', 'FORBIDDEN'].includes(err.code)) throw err;
      return sendPage(
        req,
        reply,
        { title: t('admin.users.newTitle'), status: err.status },
        <NewUserPage csrfToken={req.csrfToken} values={values} errors={err.fields} message={err.fields ? null : err.message} />,
      );
    }
  });

  const idParams = z.object({ id: z.string().max(100) });

  app.get('/admin/users/:id', { schema: { hide: true, params: idParams }, preValidation: needsUserManage }, async (req, reply) => {
    const target = await visibleUser(req.principal!, req.params.id);
    return renderUserDetail(req, reply, target);
  });

  app.post('/admin/users/:id/roles', { schema: { hide: true, params: idParams }, preValidation: needsUserManage }, async (req, reply) => {
    const input = { role: formString(req.body, 'role'), orgCode: formString(req.body, 'orgCode') };
    return userAction(
      req,
      reply,
      req.params.id,
      (p) => assignRole(db, req.params.id, { role: input.role as Role, orgCode: input.orgCode }, { principal: p, actor: actorOf(req) }),
      'admin.user.roleAdded',
      input,
    );
  });

  app.post(
    '/admin/users/:id/roles/:assignmentId/delete',
    { schema: { hide: true, params: z.object({ id: z.string().max(100), assignmentId: z.string().max(100) }) }, preValidation: needsUserManage },
    async (req, reply) => {
      const { id, assignmentId } = req.params;
      if (!isUuid(assignmentId)) throw AppError.of('NOT_FOUND', 'user.roleNotFound');
      return userAction(req, reply, id, (p) => revokeRole(db, id, assignmentId, { principal: p, actor: actorOf(req) }), 'admin.user.roleRemoved');
    },
  );

  app.post('/admin/users/:id/status', { schema: { hide: true, params: idParams }, preValidation: needsUserManage }, async (req, reply) => {
    const status = formString(req.body, 'status');
    return userAction(
      req,
      reply,
      req.params.id,
      (p) => setUserStatus(db, req.params.id, { status: status as 'active' | 'disabled' }, { principal: p, actor: actorOf(req) }),
      status === 'disabled' ? 'admin.user.disabled' : 'admin.user.enabled',
    );
  });

  app.post('/admin/users/:id/unlock', { schema: { hide: true, params: idParams }, preValidation: needsUserManage }, async (req, reply) =>
    userAction(req, reply, req.params.id, (p) => unlockUser(db, req.params.id, { principal: p, actor: actorOf(req) }), 'admin.user.unlocked'),
  );

  app.post(
    '/admin/users/:id/second-factor/reset',
    { schema: { hide: true, params: idParams }, preValidation: needsUserManage },
    async (req, reply) =>
      userAction(
        req,
        reply,
        req.params.id,
        (p) => resetSecondFactor(db, req.params.id, { principal: p, actor: actorOf(req) }),
        'admin.user.secondFactorReset',
      ),
  );

  // --- pages: outbox ---------------------------------------------------------------------------

  /** The outbox holds mail for every unit: only those who may read it at the root unit see it. */
  const needsRootOutbox = async (req: FastifyRequest) => {
    const p = requirePrincipal(req);
    const root = await rootUnit(db);
    if (!root || !can(p, 'outbox.read', root.path)) throw forbidden();
  };
  const needsRootResend = async (req: FastifyRequest) => {
    const p = requirePrincipal(req);
    const root = await rootUnit(db);
    if (!root || !can(p, 'outbox.resend', root.path)) throw forbidden();
  };

  app.get(
    '/admin/outbox',
    { schema: { hide: true, querystring: z.object({ cursor: z.string().max(CURSOR_MAX_LENGTH).optional() }) }, preValidation: needsRootOutbox },
    async (req, reply) => {
      let afterId: string | null = null;
      if (req.query.cursor) afterId = String(decodeCursor(req.query.cursor, 'outbox', ['string'], (v) => isUuid(String(v[0])))[0]);
      const rows = await listOutbox(db, { limit: OUTBOX_PAGE_SIZE + 1, afterId });
      const page = rows.slice(0, OUTBOX_PAGE_SIZE);
      const next = rows.length > OUTBOX_PAGE_SIZE ? encodeCursor('outbox', [page[page.length - 1].id]) : null;
      return sendPage(
        req,
        reply,
        { title: t('admin.outbox.title'), wide: true },
        <OutboxListPage
          rows={page}
          firstHref={afterId ? '/admin/outbox' : null}
          nextHref={next ? hrefWith('/admin/outbox', { cursor: next }) : null}
        />,
      );
    },
  );

  app.get('/admin/outbox/:id', { schema: { hide: true, params: idParams }, preValidation: needsRootOutbox }, async (req, reply) => {
    if (!isUuid(req.params.id)) throw AppError.of('NOT_FOUND', 'admin.outbox.notFound');
    const message = await findOutboxMessage(db, req.params.id);
    if (!message) throw AppError.of('NOT_FOUND', 'admin.outbox.notFound');
    const root = await rootUnit(db);
    const mayResend = !!root && can(req.principal, 'outbox.resend', root.path) && isResendable(message);
    const resend = mayResend ? { action: `/admin/outbox/${message.id}/resend`, csrfToken: req.csrfToken } : null;
    return sendPage(req, reply, { title: message.subject }, <OutboxMessagePage message={message} resend={resend} />);
  });

  app.post('/admin/outbox/:id/resend', { schema: { hide: true, params: idParams }, preValidation: needsRootResend }, async (req, reply) => {
    if (!isUuid(req.params.id)) throw AppError.of('NOT_FOUND', 'admin.outbox.notFound');
    await resendMail(db, req.params.id, { actor: actorOf(req) });
    setFlash(reply, 'admin.outbox.resent');
    return reply.redirect(`/admin/outbox/${req.params.id}`, 303);
  });

  // --- API: users ------------------------------------------------------------------------------

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users in the caller’s administrative scope',
        description: 'Users whose home unit or one of whose role units lies where the caller holds `user.manage`. Keyset-paged with `cursor`.',
        querystring: z.object({
          q: blankable(z.string().max(200)).describe('name or e-mail, with or without diacritics'),
          role: blankable(z.enum(ROLES)),
          unit: blankable(z.string().max(40)).describe('unit code: users at that unit or below it'),
          status: blankable(z.enum(['active', 'disabled'])),
          limit: limitParam(USERS_MAX_LIMIT),
          cursor: blankable(z.string().max(CURSOR_MAX_LENGTH)),
        }),
        response: { 200: userPageOut },
      },
      preValidation: needsUserManage,
    },
    async (req) => {
      const { limit, ...query } = req.query;
      const listing = await userListing(req.principal!, query, limit);
      return {
        items: listing.rows.map((r) => presentUser(r, { code: r.homeUnitCode, name: r.homeUnitName }, r.roles)),
        nextCursor: listing.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user with home unit and roles',
        params: z.object({ id: z.string().regex(UUID_PATTERN, t('field.invalid')) }),
        response: { 200: userOut },
      },
      preValidation: needsUserManage,
    },
    async (req) => {
      const target = await visibleUser(req.principal!, req.params.id);
      return presentUser(target.user, target.homeUnit, target.roles);
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a first role at a unit',
        description: 'The caller must be able to give `role` at `orgCode` (the root unit when left out). 409 when the e-mail already has an account.',
        body: createUserInput.omit({ isDemo: true }),
        response: { 201: userOut },
      },
      preValidation: needsUserManage,
    },
    async (req, reply) => {
      const { user } = await createUser(db, req.body, { principal: req.principal!, actor: actorOf(req) });
      const created = await loadUserForAdmin(db, user.id);
      if (!created) throw notFound();
      return reply.status(201).send(presentUser(created.user, created.homeUnit, created.roles));
    },
  );
}
