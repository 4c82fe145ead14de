/** Organisation directory pages and the org-units API. */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { sendPage } from '../platform/http/render';
import { requirePermission } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from './cursor';
import { can } from './policies';
import { orgUnitDetailOut, orgUnitPageOut, presentOrgUnit, presentOrgUnitDetail } from './presenters';
import {
  type UnitListKey,
  type UnitSearchKey,
  directoryTree,
  findUnitByCode,
  listProvinces,
  listUnits,
  searchUnits,
  unitAncestors,
  unitByCodeWithParent,
  unitChildren,
  unitMembers,
} from './queries';
import { ORG_UNIT_KINDS } from './schema';
import { prepareSearch } from './search';
import { DirectoryPage, SEARCH_MAX_LENGTH, SEARCH_MAX_RESULTS, type SearchResult } from './views/directory-page';
import { UnitPage } from './views/unit-page';

export const ORG_UNITS_MAX_LIMIT = 200;
const MEMBERS_LIMIT = 300;

/** Route hook: the caller must be signed in and hold org.read somewhere. */
const needsOrgRead = async (req: FastifyRequest) => {
  requirePermission(req, 'org.read');
};

/** A short fingerprint of the filters a cursor was made for: a cursor is only valid for the same listing. */
export function listingTag(prefix: string, filters: Record<string, unknown>): string {
  const h = createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 10);
  return `${prefix}.${h}`;
}

/** `limit` as a query parameter: an integer 1..max, with a Vietnamese message otherwise. */
export function limitParam(max: number, fallback = 50) {
  const message = t('org.api.limitRange', { max });
  return z.coerce.number({ message }).int({ message }).min(1, { message }).max(max, { message }).default(fallback);
}

const unitCodeParam = z.string().min(1).max(100);

const orgUnitsQuery = z.object({
  q: z.string().max(SEARCH_MAX_LENGTH, t('org.directory.qTooLong', { max: SEARCH_MAX_LENGTH })).optional().describe('search text, with or without diacritics'),
  parent: unitCodeParam.optional().describe('code of the parent unit: list its direct children'),
  kind: z.enum(ORG_UNIT_KINDS).optional(),
  limit: limitParam(ORG_UNITS_MAX_LIMIT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('`nextCursor` of the previous page'),
});

export async function registerOrgRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  app.get(
    '/org',
    {
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(SEARCH_MAX_LENGTH, t('org.directory.qTooLong', { max: SEARCH_MAX_LENGTH })).optional(),
        }),
      },
      preValidation: needsOrgRead,
    },
    async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const search = prepareSearch(q);
      let results: SearchResult[] | null = null;
      if (search) {
        const [rows, provinces] = await Promise.all([searchUnits(db, { search, limit: SEARCH_MAX_RESULTS }), listProvinces(db)]);
        results = rows.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          parentName: r.parentName,
          provinceName: provinces.find((p) => p.id !== r.id && r.path.startsWith(p.path))?.name ?? null,
        }));
      }
      const tree = search ? null : await directoryTree(db, 2);
      return sendPage(req, reply, { title: t('org.directory.title') }, <DirectoryPage q={q} tree={tree} results={results} />);
    },
  );

  app.get(
    '/org/:code',
    { schema: { hide: true, params: z.object({ code: unitCodeParam }) }, preValidation: needsOrgRead },
    async (req, reply) => {
      const principal = req.principal!;
      const unit = await unitByCodeWithParent(db, req.params.code);
      if (!unit) throw AppError.of('NOT_FOUND', 'org.unit.notFound', { code: req.params.code });
      const [ancestors, children] = await Promise.all([unitAncestors(db, unit.path), unitChildren(db, unit.id)]);
      let members = null;
      if (can(principal, 'org.readMembers', unit.path)) {
        const m = await unitMembers(db, unit.id, MEMBERS_LIMIT);
        members = { list: m.members, truncated: m.truncated, limit: MEMBERS_LIMIT, linkToAdmin: can(principal, 'user.manage', unit.path) };
      }
      return sendPage(
        req,
        reply,
        { title: unit.name },
        <UnitPage
          unit={unit}
          ancestors={ancestors.filter((a) => a.id !== unit.id)}
          children={children.map((c) => ({ code: c.code, name: c.name, kind: c.kind }))}
          members={members}
        />,
      );
    },
  );

  app.get(
    '/api/v1/org-units',
    {
      schema: {
        tags: ['org-units'],
        summary: 'List or search organisation units',
        description:
          'Without `q`: units in tree order (optionally the children of `parent`, or of one `kind`). With `q`: diacritic-insensitive ranked search. Keyset-paged with `cursor`.',
        querystring: orgUnitsQuery,
        response: { 200: orgUnitPageOut },
      },
      preValidation: needsOrgRead,
    },
    async (req) => {
      const { q, parent, kind, limit, cursor } = req.query;
      let parentId: string | undefined;
      if (parent) {
        const p = await findUnitByCode(db, parent);
        if (!p) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { parent: t('user.unknownUnit', { code: parent }) });
        parentId = p.id;
      }
      const search = prepareSearch(q);
      if (search) {
        const tag = listingTag('us', { q: search.raw, parent: parent ?? null, kind: kind ?? null });
        const after = cursor ? (decodeCursor(cursor, tag, ['int', 'int', 'int', 'string']) as UnitSearchKey) : null;
        const rows = await searchUnits(db, { search, parentId, kind, limit: limit + 1, after });
        const page = rows.slice(0, limit);
        return {
          items: page.map(presentOrgUnit),
          nextCursor: rows.length > limit ? encodeCursor(tag, page[page.length - 1].key) : null,
        };
      }
      const tag = listingTag('u', { parent: parent ?? null, kind: kind ?? null });
      const after = cursor ? (decodeCursor(cursor, tag, ['int', 'int', 'string']) as UnitListKey) : null;
      const rows = await listUnits(db, { parentId, kind, limit: limit + 1, after });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentOrgUnit),
        nextCursor: rows.length > limit ? encodeCursor(tag, page[page.length - 1].key) : null,
      };
    },
  );

  app.get(
    '/api/v1/org-units/:code',
    {
      schema: {
        tags: ['org-units'],
        summary: 'One organisation unit, with its parent and number of children',
        params: z.object({ code: unitCodeParam }),
        response: { 200: orgUnitDetailOut },
      },
      preValidation: needsOrgRead,
    },
    async (req) => {
      const unit = await unitByCodeWithParent(db, req.params.code);
      if (!unit) throw AppError.of('NOT_FOUND', 'org.unit.notFound', { code: req.params.code });
      const ancestors = (await unitAncestors(db, unit.path)).filter((a) => a.id !== unit.id);
      return presentOrgUnitDetail(unit, ancestors);
    },
  );
}
