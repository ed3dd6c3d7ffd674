/**
 * The one Drizzle schema of DânVận. drizzle-kit generates SQL migrations from it into server/db/migrations
 * (append-only; never edited after landing). Same schema on PGlite and PostgreSQL.
 *
 * Agency scoping: every agency row has a materialised `path` of official codes ("VN/01/00004").
 * Rows that are scoped (cases, visits, petitions) carry a copy of their agency's path so that
 * "everything in this subtree" is one indexed prefix match (see docs/adr/0004-agency-paths.md).
 */
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Official statistical code (province 2 digits, commune 5 digits) or a national code ("VN", "TTCP", …). */
    code: text('code').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    /** national | ministry | province | commune | department */
    level: text('level').notNull(),
    /** Unit name without the type word ("Ba Đình"). */
    name: text('name').notNull(),
    /** The agency that receives citizens ("Ủy ban nhân dân Phường Ba Đình"). */
    fullName: text('full_name').notNull(),
    /** Official unit type: tinh, thanh-pho-truc-thuoc-trung-uong, xa, phuong, dac-khu, bo, co-quan-ngang-bo, chinh-phu… */
    unitType: text('unit_type').notNull(),
    /** The unit's own official name ("Phường Ba Đình"), used in addresses and search. */
    unitName: text('unit_name').notNull(),
    provinceCode: text('province_code'),
    /** Remote / especially difficult area: the law gives longer deadlines there (Luật Khiếu nại Art. 28, 33, 37, 44). */
    remote: boolean('remote').notNull().default(false),
    /** foldForSearch(full name + unit name + code): diacritic-insensitive search. */
    searchKey: text('search_key').notNull(),
    /** Position among siblings in Vietnamese alphabetical order (no Vietnamese collation in the databases). */
    sortKey: integer('sort_key').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agencies_code_uq').on(t.code),
    index('agencies_parent_idx').on(t.parentId),
    index('agencies_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased login name. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/** A role granted on an agency subtree (SPEC §1: every staff permission is scoped to an agency subtree). */
export const roleGrants = pgTable(
  'role_grants',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.agencyId] })],
);

/** Browser sessions and API tokens. Only the SHA-256 of the token is stored. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** session | api */
    kind: text('kind').notNull(),
    name: text('name'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
);

/**
 * Vụ việc: one matter. Several visits and petitions can be one case.
 * Personal data of a denunciation's denouncer is never stored here: see `sealedIdentities`.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human reference, unique: "<agency code>-<year>-<seq>". */
    code: text('code').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** complaint | denunciation | feedback */
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    /** own (within jurisdiction) | forwarded | guided | archived — set by the processing decision */
    jurisdiction: text('jurisdiction'),
    field: text('field'),
    content: text('content').notNull(),
    contentKey: text('content_key').notNull(),
    /** Display name of the petitioner; "[Đã bảo mật]" placeholder for a denunciation. */
    petitionerName: text('petitioner_name'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    outcome: text('outcome'),
    /** The current legal deadline (end of that day, Asia/Ho_Chi_Minh) and the rule version that produced it. */
    dueOn: date('due_on', { mode: 'string' }),
    dueRule: text('due_rule'),
    dueRuleVersion: text('due_rule_version'),
    /**
     * Everything needed to recompute `dueOn` exactly when the calendar changes (modules/clock): the day of the
     * event that started the clock (not counted) and the inputs of the rule's variants, extensions, suspension.
     */
    clockFrom: date('clock_from', { mode: 'string' }),
    /** The agency's remote flag when the clock started (Luật Khiếu nại Art. 28, 37). */
    clockRemote: boolean('clock_remote').notNull().default(false),
    /** A written complexity finding (ND 124/2020 Art. 3a; ND 31/2019 Art. 3). */
    clockComplex: boolean('clock_complex').notNull().default(false),
    clockEspeciallyComplex: boolean('clock_especially_complex').notNull().default(false),
    clockSeveralSites: boolean('clock_several_sites').notNull().default(false),
    /** Length of each extension decision, in the rule's unit (Luật Tố cáo Art. 30). */
    clockExtensions: jsonb('clock_extensions').$type<number[]>().notNull().default([]),
    /** Days the clock stood still (suspension, Luật Khiếu nại Art. 11a, Luật Tố cáo Art. 34). */
    clockSuspendedDays: integer('clock_suspended_days').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_code_uq').on(t.code),
    index('cases_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('cases_agency_received_idx').on(t.agencyId, t.receivedOn),
    index('cases_due_on_idx').on(t.dueOn),
  ],
);

/** Lượt tiếp: one citizen or one delegation received once (the "165.000 lượt"). */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    /** Null for a denunciation: the identity is sealed. */
    citizenName: text('citizen_name'),
    citizenIdNumber: text('citizen_id_number'),
    citizenAddress: text('citizen_address'),
    citizenPhone: text('citizen_phone'),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    peopleCount: integer('people_count').notNull().default(1),
    isDelegation: boolean('is_delegation').notNull().default(false),
    isRepeat: boolean('is_repeat').notNull().default(false),
    caseId: uuid('case_id').references(() => cases.id),
    /** petition-received | guided | forwarded | refused */
    outcome: text('outcome').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('visits_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('visits_visited_on_idx').on(t.visitedOn),
    index('visits_case_idx').on(t.caseId),
  ],
);

/** Đơn: a written / online submission. */
export const petitions = pgTable(
  'petitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    visitId: uuid('visit_id').references(() => visits.id),
    /** in-person | post | online | hotline | email | forwarded | press | deputy */
    channel: text('channel').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Null for a denunciation or an anonymous petition. */
    petitionerName: text('petitioner_name'),
    petitionerIdNumber: text('petitioner_id_number'),
    petitionerAddress: text('petitioner_address'),
    petitionerPhone: text('petitioner_phone'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('petitions_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('petitions_case_idx').on(t.caseId),
  ],
);

/**
 * The denouncer's identity, stored apart and encrypted at rest (AES-256-GCM; Luật Tố cáo Arts. 47(2), 56).
 * `ownerType`/`ownerId` point at the case (and the visit or petition that carried it).
 */
export const sealedIdentities = pgTable(
  'sealed_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    keyId: text('key_id').notNull(),
    iv: text('iv').notNull(),
    ciphertext: text('ciphertext').notNull(),
    authTag: text('auth_tag').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sealed_identities_case_idx').on(t.caseId)],
);

/**
 * Append-only, hash-chained audit trail: one row per state change, written in the same transaction.
 * `hash` = SHA-256 over the previous row's hash and this row's canonical content.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    agencyId: uuid('agency_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    caseId: uuid('case_id'),
    action: text('action').notNull(),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_case_idx').on(t.caseId), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** Per-agency, per-year counters for human case codes. */
export const caseSequences = pgTable(
  'case_sequences',
  {
    agencyId: uuid('agency_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);


/**
 * Admin overrides of the holiday calendar (the Prime Minister's yearly announcement): one row per date,
 * replacing the generated default for that date. kind: holiday | day-off | workday | normal.
 */
export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
