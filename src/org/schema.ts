/**
 * The organisation tree, users and role assignments. A role is held *at* a unit and covers
 * its subtree; `path` (ids joined by '/') makes "is inside" a prefix test.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../platform/db/columns';

export const ORG_UNIT_KINDS = [
  'steering_committee',
  'standing_office',
  'group',
  'party_body',
  'ministry',
  'ministerial_agency',
  'government_agency',
  'central_other',
  'province',
  'provincial_party_committee',
  'provincial_council',
  'provincial_people_committee',
  'provincial_front',
  'provincial_steering_committee',
  'department',
  'ward',
  'commune',
  'special_zone',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const orgUnit = pgTable(
  'org_unit',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ORG_UNIT_KINDS }).notNull(),
    parentId: uuid('parent_id'),
    /** '/<root id>/…/<own id>/' — subtree = path LIKE '<path>%'. */
    path: text('path').notNull(),
    level: integer('level').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    /** folded name + short name + code, for diacritic-insensitive search. */
    searchText: text('search_text').notNull(),
    formerNames: text('former_names'),
    notes: text('notes'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('org_unit_code_uq').on(t.code),
    index('org_unit_parent_idx').on(t.parentId, t.sortOrder),
    index('org_unit_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('org_unit_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** Collective addressees used in plans ("các bộ, ngành, địa phương"): not nodes of the tree. */
export const orgCollective = pgTable('org_collective', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  nameEn: text('name_en'),
  notes: text('notes'),
});

export const ROLES = ['admin', 'standing_office', 'leader', 'officer', 'expert', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const appUser = pgTable(
  'app_user',
  {
    id: id(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    jobTitle: text('job_title'),
    phone: text('phone'),
    homeUnitId: uuid('home_unit_id').notNull(),
    passwordHash: text('password_hash'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** last accepted TOTP time step: a code is never accepted twice */
    totpLastStep: integer('totp_last_step'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('app_user_email_uq').on(t.email),
    index('app_user_home_unit_idx').on(t.homeUnitId),
    index('app_user_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('role_assignment_uq').on(t.userId, t.role, t.orgUnitId),
    index('role_assignment_unit_idx').on(t.orgUnitId),
  ],
);
