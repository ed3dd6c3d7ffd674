/**
 * The one Drizzle schema of DânVận. drizzle-kit generates SQL migrations from it into server/db/migrations
 * (append-only; never edited after landing). Same schema on PGlite and PostgreSQL.
 *
 * Agency scoping: every agency row has a materialised `path` of official codes ("VN/01/00004").
 * Rows that are scoped (cases, visits, petitions) carry a copy of their agency's path so that
 * "everything in this subtree" is one indexed prefix match (see docs/adr/0004-agency-paths.md).
 */
import {
  bigint,
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
    /** Optional work e-mail: deadline reminders and escalations also go there (notifications, issue 7). */
    email: text('email'),
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
    /** own (within jurisdiction) | forwarded | guided | chased | archived | returned — set by the processing decision */
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
    /** Complaints: 1 = giải quyết lần đầu, 2 = lần hai (Luật Khiếu nại Arts. 28, 37). */
    instance: integer('instance').notNull().default(1),
    dialogueHeld: boolean('dialogue_held').notNull().default(false),
    /** While suspended: the state to return to and the day the clock stopped. */
    suspendedFromState: text('suspended_from_state'),
    suspendedOn: date('suspended_on', { mode: 'string' }),
    /** Liên thông: the case this one was forwarded to / from, and the first-instance case of an appeal. */
    forwardedToId: uuid('forwarded_to_id'),
    forwardedFromId: uuid('forwarded_from_id'),
    previousInstanceId: uuid('previous_instance_id'),
    /** Chase (đôn đốc): the lower-level agency urged to resolve the matter (a strict descendant of this case's agency). */
    chasedAgencyId: uuid('chased_agency_id').references(() => agencies.id),
    /** Reason code of an archive / return / termination (ARCHIVE_REASONS) or free text. */
    reason: text('reason'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** First day the sweep found the case past its deadline (null when on time). */
    overdueSince: date('overdue_since', { mode: 'string' }),
    /**
     * Reports (issue 6): the deadline in force when the case was resolved (decision, conclusion, withdrawal,
     * termination), kept because `dueOn` moves on (next clock) or stops. On time ⇔ decidedOn ≤ dueAtDecision.
     */
    dueAtDecision: date('due_at_decision', { mode: 'string' }),
    /** Issue 12: the day the decision (complaint decision, termination) was sent (Luật Khiếu nại Arts. 32, 41(1); Luật Tố cáo Art. 34(4)). */
    decisionSentOn: date('decision_sent_on', { mode: 'string' }),
    /** Issue 12: complainants of a group complaint who withdrew while the others go on (ND 124/2020 Art. 7a). */
    withdrawnCount: integer('withdrawn_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_code_uq').on(t.code),
    index('cases_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('cases_agency_received_idx').on(t.agencyId, t.receivedOn),
    index('cases_due_on_idx').on(t.dueOn),
    index('cases_assignee_idx').on(t.assigneeId),
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
    // ── Reception (issue 5): the register columns (Mẫu 03/TCD), the session, the outcome notice ──
    sessionId: uuid('session_id').references(() => receptionSessions.id),
    /** personal-id | passport (ND 154/2026 Art. 12); null when sealed or unknown. */
    citizenIdType: text('citizen_id_type'),
    /** Named representatives of a delegation (Art. 29); null for a denunciation (sealed with the identity). */
    representatives: jsonb('representatives').$type<{ name: string; idNumber: string; idType: string; address: string }[]>(),
    /** Documents handed over at the desk (receipt, Mẫu 02/TCD). */
    documents: jsonb('documents').$type<{ title: string; pages: number | null; original: boolean }[]>(),
    /** Agencies that already handled the matter (register column 8). */
    priorAgencies: text('prior_agencies'),
    /** Register column 9; null = not stated. */
    withinJurisdiction: boolean('within_jurisdiction'),
    guidanceDocNo: text('guidance_doc_no'),
    guidedTo: text('guided_to'),
    forwardedTo: text('forwarded_to'),
    transferDocNo: text('transfer_doc_no'),
    /** Code of a refusal ground (domain/reception/visits.ts REFUSAL_GROUNDS). */
    refusalGround: text('refusal_ground'),
    resultFollowUp: text('result_follow_up'),
    notes: text('notes'),
    /** Outcome notice due (rule reception.notice, Luật TCD Art. 28) when a petition was received; stopped by noticeSentOn. */
    noticeDueOn: date('notice_due_on', { mode: 'string' }),
    noticeRuleVersion: text('notice_rule_version'),
    noticeSentOn: date('notice_sent_on', { mode: 'string' }),
    /** accepted | extended | not-accepted | transferred */
    noticeOutcome: text('notice_outcome'),
    noticeDocNo: text('notice_doc_no'),
    /** desk | import */
    source: text('source').notNull().default('desk'),
    importId: uuid('import_id').references(() => registerImports.id),
    /** Position in the imported sheet: keeps the register order of rows imported at the same instant. */
    importRow: integer('import_row'),
  },
  (t) => [
    index('visits_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('visits_visited_on_idx').on(t.visitedOn),
    index('visits_case_idx').on(t.caseId),
    index('visits_session_idx').on(t.sessionId),
    index('visits_agency_visited_idx').on(t.agencyId, t.visitedOn),
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
    /** Người cùng ký đơn (several complainants); empty for a denunciation (their identities are sealed). */
    coSigners: jsonb('co_signers').$type<{ name: string; idNumber: string | null; address: string | null }[]>().notNull().default([]),
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
 * `ownerType`/`ownerId` point at the case (and the visit or petition that carried it). `personHash` is the keyed
 * hash (HMAC-SHA-256, key outside the database) of the person's ID, else of the folded name and address: repeat
 * detection compares it without opening the box (ADR 0011); NULL when there is neither.
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
    personHash: text('person_hash'),
    createdAt: createdAt(),
  },
  (t) => [index('sealed_identities_case_idx').on(t.caseId), index('sealed_identities_person_hash_idx').on(t.personHash)],
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

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────
// Reception (issue 5): sessions, bookings, register imports. Rules live in domain/src/reception/.
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Buổi tiếp công dân: the reception office's daily desk (regular), the head's periodic day (head), unscheduled,
 * or online. The published schedule is a presenter over this table (no personal data).
 */
export const receptionSessions = pgTable(
  'reception_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** regular | head | unscheduled | online */
    kind: text('kind').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** Local times "HH:MM" (Asia/Ho_Chi_Minh). */
    startTime: text('start_time'),
    endTime: text('end_time'),
    location: text('location'),
    /** Who holds a head session: the head (title public, name staff-only), or a deputy in their place. */
    hostUserId: uuid('host_user_id').references(() => users.id),
    hostName: text('host_name'),
    hostTitle: text('host_title'),
    delegatedToUserId: uuid('delegated_to_user_id').references(() => users.id),
    delegatedToName: text('delegated_to_name'),
    delegatedToTitle: text('delegated_to_title'),
    delegationReason: text('delegation_reason'),
    /** Online sessions: date the notice was published (≥ 5 working days ahead), meeting link, recording reference. */
    noticeOn: date('notice_on', { mode: 'string' }),
    onlineLink: text('online_link'),
    recordingRef: text('recording_ref'),
    /** Maximum bookings (null = no booking limit). */
    capacity: integer('capacity'),
    /** scheduled | closed | cancelled */
    status: text('status').notNull().default('scheduled'),
    summary: text('summary'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: uuid('closed_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('reception_sessions_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('reception_sessions_agency_held_idx').on(t.agencyId, t.heldOn),
  ],
);

/** Đặt lịch tiếp: a citizen's booking in a session (public, no login); the clerk marks arrived / no-show. */
export const receptionBookings = pgTable(
  'reception_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => receptionSessions.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** "TCD-XXXXXXXX" */
    code: text('code').notNull(),
    queueNumber: integer('queue_number').notNull(),
    /**
     * Legacy plaintext name and phone (E.164) of bookings made before issue 13: new rows leave them null and keep
     * the person in `contact`; `sealLegacyBookings` moves old rows into it.
     */
    name: text('name'),
    phone: text('phone'),
    /** Sealed box (security/sealer.ts) of `{name, phone}` (issue 13: a booker may be a denouncer). */
    contact: jsonb('contact').$type<SealedJson>(),
    content: text('content').notNull(),
    /** booked | arrived | no-show | cancelled */
    status: text('status').notNull().default('booked'),
    visitId: uuid('visit_id').references(() => visits.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reception_bookings_code_uq').on(t.code),
    uniqueIndex('reception_bookings_queue_uq').on(t.sessionId, t.queueNumber),
    index('reception_bookings_session_idx').on(t.sessionId),
  ],
);

/** One XLSX register import: the file's hash guards against importing the same file twice into one agency. */
export const registerImports = pgTable(
  'register_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fileSha256: text('file_sha256').notNull(),
    /** all | valid-only */
    mode: text('mode').notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('register_imports_file_uq').on(t.agencyId, t.fileSha256)],
);

/**
 * In-app notices for staff (assignment, deadline reminder, overdue escalation, a chase from the upper level).
 * `dedupeKey` makes the deadline sweep safe to run twice: one notice per (user, case, kind, deadline).
 */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => cases.id),
    /** assignment | reminder | overdue | chase */
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('staff_notifications_dedupe_uq').on(t.userId, t.dedupeKey), index('staff_notifications_user_idx').on(t.userId, t.readAt)],
);

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────
// Citizen portal and notifications (issue 7): online submissions with a tracking code, idempotency keys,
// attachments (files on disk, encrypted), ratings, published answers, and the notification outbox.
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** AES-256-GCM box from the sealer (security/sealer.ts), stored as JSON. */
type SealedJson = { keyId: string; iv: string; ciphertext: string; authTag: string };

/**
 * A petition sent through the portal: the tracking code the citizen keeps and the hash of its secret.
 * Contact details for notices are sealed (never in clear: a denouncer's e-mail is identity).
 */
export const portalSubmissions = pgTable(
  'portal_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "DV-XXXXX-XXXXX": 10 Crockford base32 characters (50 random bits). */
    trackingCode: text('tracking_code').notNull(),
    /** scrypt of the tracking secret: "salt:hash" (base64). */
    secretHash: text('secret_hash').notNull(),
    petitionId: uuid('petition_id')
      .notNull()
      .references(() => petitions.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    /** Sealed {name, email, phone}; null when the citizen gave no contact (anonymous feedback). */
    contact: jsonb('contact').$type<SealedJson>(),
    /** HMAC-SHA256 of the normalised phone: the per-phone rate limit without the number in clear. */
    phoneKey: text('phone_key'),
    /** When the citizen accepted the personal-data consent text (Luật Bảo vệ dữ liệu cá nhân 2025). */
    consentAt: timestamp('consent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('portal_submissions_code_uq').on(t.trackingCode),
    index('portal_submissions_case_idx').on(t.caseId),
    index('portal_submissions_phone_idx').on(t.phoneKey, t.createdAt),
  ],
);

/**
 * Idempotency-Key of submitPublicPetition: the first request inserts the row in the same transaction as the
 * petition (a concurrent one waits on the primary key and then replays the stored, sealed response).
 */
export const portalIdempotencyKeys = pgTable('portal_idempotency_keys', {
  /** SHA-256 of the client's key. */
  keyHash: text('key_hash').primaryKey(),
  /** SHA-256 of the request: the same key with another body is refused. */
  requestHash: text('request_hash').notNull(),
  submissionId: uuid('submission_id').references(() => portalSubmissions.id),
  response: jsonb('response').$type<SealedJson>(),
  createdAt: createdAt(),
});

/** A photo or PDF sent with a portal petition: the file lives in the attachment storage, encrypted with `dataKey`. */
export const portalAttachments = pgTable(
  'portal_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The portal submission it came with; null for a scan or photo a staff member attached to the case. */
    submissionId: uuid('submission_id').references(() => portalSubmissions.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The file's own AES-256-GCM key, sealed with the current seal key (envelope encryption). */
    dataKey: jsonb('data_key').$type<SealedJson>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('portal_attachments_case_idx').on(t.caseId)],
);

/** The citizen's rating of the answer (one per submission; a new rating replaces the old). */
export const portalRatings = pgTable(
  'portal_ratings',
  {
    submissionId: uuid('submission_id')
      .primaryKey()
      .references(() => portalSubmissions.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    satisfied: boolean('satisfied').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('portal_ratings_agency_path_idx').on(t.agencyPath.op('text_pattern_ops'))],
);

/** An answer, decision or conclusion the agency chose to publish on the portal, redacted. */
export const publicAnswers = pgTable(
  'public_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    kind: text('kind').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    /** foldForSearch(question + answer + agency name): diacritic-insensitive search. */
    searchKey: text('search_key').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('public_answers_case_uq').on(t.caseId),
    index('public_answers_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('public_answers_published_idx').on(t.publishedOn),
  ],
);

/**
 * Outbox of e-mails and SMS, written in the same transaction as the change that causes them. The worker
 * claims due rows (skip locked, with a lease), sends, and marks them sent; failures back off exponentially.
 * `dedupeKey` makes every enqueue idempotent. The payload (address and text) is sealed and wiped once sent.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** email | sms */
    channel: text('channel').notNull(),
    /** receipt | case-notice | booking-reminder | staff-assignment | staff-reminder | staff-overdue | staff-chase */
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** Masked address for operators ("t•••@example.com", "+84•••••••321"). */
    recipientHint: text('recipient_hint').notNull(),
    /** Sealed {to, subject, text}; null once sent or skipped. */
    payload: jsonb('payload').$type<SealedJson>(),
    caseId: uuid('case_id'),
    bookingId: uuid('booking_id'),
    userId: uuid('user_id'),
    /** pending | sending | sent | failed | skipped */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    claimToken: text('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('notification_outbox_dedupe_uq').on(t.dedupeKey), index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────
// Reports (issue 6): settings of the periodic reports. Figures are aggregated from the records on the fly
// (docs/adr/0009-report-aggregation.md).
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Report settings set by an administrator at the national level, one row per key (audited):
 * `cutoff` = { startDay } — 1 for calendar months, 15 for the old 15th-to-14th scheme (LEGAL.md Reports).
 */
export const reportSettings = pgTable('report_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Settings an administrator edits without a code change (SPEC: field list, classification keyword rules).
 * One JSON value per key; every change is audited.
 */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────
// Report counters (issue 6, performance; docs/adr/0010-report-performance.md): the flows of every report
// indicator per scope (each ancestor-or-self of the record's agency, with the child of that scope it falls
// under) and per half-month (days 1–14 and 15–end: periods start on the 1st, or on the 15th under the old
// cut-off convention). Maintained by statement-level triggers in the same transaction as every change to cases,
// visits and petitions (hand-written tails of migrations 0001, 0002 and 0004); rebuilt from the records by
// `select report_counters_rebuild()`. The national report reads a few thousand rows of them instead of scanning
// millions of records.
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Sentinel `prev` for flows that are not matters, and for a matter's first visit. */
export const NO_PREVIOUS_VISIT = '1900-01-01';

export const reportCounters = pgTable(
  'report_counters',
  {
    /** Agency path of the scope ("VN", "VN/01", "VN/01/00004"). */
    scope: text('scope').notNull(),
    /** '' for the scope's own records, else the code of its direct child the record falls under. */
    child: text('child').notNull(),
    /** First day of the half-month (the 1st or the 15th). */
    bucket: date('bucket', { mode: 'string' }).notNull(),
    /** Flow key (modules/reports/counters.ts turns flows into indicators). */
    key: text('key').notNull(),
    /** Matters (tcd.*cases): the half-month of the same case's previous visit at the same agency, so a range counts each matter once. */
    prev: date('prev', { mode: 'string' }).notNull().default(NO_PREVIOUS_VISIT),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.bucket, t.key, t.child, t.prev] })],
);

/** The half-months each case was visited in at each agency, by class of session ('all', 'regular', 'head'): the matters' memory. */
export const reportVisitBuckets = pgTable(
  'report_visit_buckets',
  {
    caseId: uuid('case_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    class: text('class').notNull(),
    bucket: date('bucket', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.agencyPath, t.class, t.bucket] })],
);

// ---- dialogues ----
// Direct dialogues between agencies and citizens, their conclusions and the commitments made there (issue 14;
// ../shared/PARTICIPATION.md part (a); docs/adr/0013-dialogues-and-commitments.md).

/** A dialogue (hội nghị đối thoại): plan → notice → held (one or more sessions) → conclusion. */
export const dialogues = pgTable(
  'dialogues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "DT-<agency code>-<year>-<n>". */
    code: text('code').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** A key of the dialogue kinds (domain/dialogues/kinds.ts, editable in app_settings 'dialogue.kinds'). */
    kind: text('kind').notNull(),
    /** planned | noticed | held | concluded | cancelled */
    status: text('status').notNull().default('planned'),
    title: text('title').notNull(),
    content: text('content'),
    /** The planned date (the first session's date once held). */
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    location: text('location'),
    onlineLink: text('online_link'),
    howToAttend: text('how_to_attend'),
    organiser: text('organiser'),
    coChair: text('co_chair'),
    complex: boolean('complex').notNull().default(false),
    /** The notice: its date, the lead it gave, and the reason when published with less than the rule's lead. */
    noticeOn: date('notice_on', { mode: 'string' }),
    noticeRequiredDays: integer('notice_required_days'),
    noticeLate: boolean('notice_late').notNull().default(false),
    noticeLateReason: text('notice_late_reason'),
    /** Held: last session date, total attendance (sum of sessions), who chaired. */
    heldOn: date('held_on', { mode: 'string' }),
    attendance: integer('attendance').notNull().default(0),
    chairedBy: text('chaired_by'),
    /** Conclusion (thông báo kết luận): due date by the legal clock from the last session, the date it was published. */
    conclusionDueOn: date('conclusion_due_on', { mode: 'string' }),
    conclusionExplanation: text('conclusion_explanation'),
    conclusionOn: date('conclusion_on', { mode: 'string' }),
    conclusionLate: boolean('conclusion_late').notNull().default(false),
    conclusionSummary: text('conclusion_summary'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dialogues_code_uq').on(t.code), index('dialogues_path_idx').on(t.agencyPath, t.plannedOn)],
);

/** A session of a dialogue (a large commune holds several cluster sessions that roll up into one dialogue). */
export const dialogueSessions = pgTable(
  'dialogue_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    label: text('label').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    location: text('location'),
    attendance: integer('attendance').notNull(),
    minutes: text('minutes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('dialogue_sessions_dialogue_idx').on(t.dialogueId)],
);

/** A citizen's registration and question sent from the portal before the dialogue (no account). */
export const dialogueRegistrations = pgTable(
  'dialogue_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    /** "DK-XXXXXXXX": shown to the citizen, names the question in the conclusion. */
    code: text('code').notNull(),
    question: text('question').notNull(),
    wantsToSpeak: boolean('wants_to_speak').notNull().default(false),
    /** Sealed {name, phone, email}; null when the citizen left none. */
    contact: jsonb('contact').$type<SealedJson>(),
    /** SHA-256 of the Idempotency-Key and of the request: a resend returns the same registration. */
    idempotencyKeyHash: text('idempotency_key_hash'),
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dialogue_registrations_code_uq').on(t.code),
    uniqueIndex('dialogue_registrations_idem_uq').on(t.idempotencyKeyHash),
    index('dialogue_registrations_dialogue_idx').on(t.dialogueId),
  ],
);

/** An issue raised at the dialogue, as the conclusion records it (NĐ 13/2021 Art. 11: a–d). */
export const dialogueIssues = pgTable(
  'dialogue_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    agencyPath: text('agency_path').notNull(),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    /** answered | transferred | assigned */
    outcome: text('outcome').notNull(),
    answer: text('answer'),
    /** Transferred to / assigned to. */
    targetAgencyId: uuid('target_agency_id').references(() => agencies.id),
    registrationId: uuid('registration_id').references(() => dialogueRegistrations.id),
    /** "Issue → case in one click": the case opened from it (the case's page finds the issue back by this column). */
    caseId: uuid('case_id').references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [index('dialogue_issues_dialogue_idx').on(t.dialogueId, t.seq), index('dialogue_issues_case_idx').on(t.caseId)],
);

/** A promise made at a dialogue (an assigned issue): an owner agency, a due date, a status, a public closing note. */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "CK-<dialogue code>-<seq>". */
    code: text('code').notNull(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => dialogueIssues.id),
    /** The organising agency's path (its monitors and ancestors see the commitment). */
    agencyPath: text('agency_path').notNull(),
    ownerAgencyId: uuid('owner_agency_id')
      .notNull()
      .references(() => agencies.id),
    ownerAgencyPath: text('owner_agency_path').notNull(),
    content: text('content').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** open | in-progress | done | transferred | declined */
    status: text('status').notNull().default('open'),
    progress: integer('progress').notNull().default(0),
    statusReason: text('status_reason'),
    closingNote: text('closing_note'),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Set by the sweep on the first day past due while not closed; cleared when closed. */
    overdueSince: date('overdue_since', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('commitments_code_uq').on(t.code),
    index('commitments_path_idx').on(t.agencyPath),
    index('commitments_owner_idx').on(t.ownerAgencyPath),
    index('commitments_due_idx').on(t.status, t.dueOn),
  ],
);

/** The public timeline of a commitment: every status or progress change with its note and evidence. */
export const commitmentUpdates = pgTable(
  'commitment_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id),
    on: date('on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    progress: integer('progress').notNull(),
    note: text('note'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('commitment_updates_commitment_idx').on(t.commitmentId, t.createdAt)],
);

/** Evidence of an update (photo, PDF): the file lives in the attachment storage, encrypted with `dataKey`. */
export const commitmentEvidence = pgTable(
  'commitment_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    updateId: uuid('update_id')
      .notNull()
      .references(() => commitmentUpdates.id),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    dataKey: jsonb('data_key').$type<SealedJson>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('commitment_evidence_commitment_idx').on(t.commitmentId)],
);
// ---- hardening ----

/**
 * Per-account sign-in throttle (issue 13, item 8), beside the per-address rate limit: consecutive failures for one
 * username (whether or not the account exists, so the throttle tells nothing) lock it for a back-off that doubles
 * from 30 s up to 15 min; a successful sign-in clears the row. Keyed by a hash of the lower-cased username.
 */
export const loginThrottles = pgTable('login_throttles', {
  usernameHash: text('username_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// ---- perf ----
// Report counter deltas (issue 13, writes that do not queue behind one lock; docs/adr/0010-report-performance.md,
// amendment 2026-12): the counter triggers append their flows here (plain INSERTs, no row another writer could hold)
// instead of updating report_counters in place, where every write of the country met on the national scope's rows.
// `report_counters_fold()` (danvan serve, every few seconds) moves them into report_counters in one short transaction;
// readers sum both tables in one statement, so a figure is the same before and after a fold.
export const reportCounterDeltas = pgTable('report_counter_deltas', {
  scope: text('scope').notNull(),
  child: text('child').notNull(),
  bucket: date('bucket', { mode: 'string' }).notNull(),
  key: text('key').notNull(),
  prev: date('prev', { mode: 'string' }).notNull().default(NO_PREVIOUS_VISIT),
  n: bigint('n', { mode: 'number' }).notNull(),
});
// ---- imports (issue 19) ----

/** An agency's confirmed column mapping for a sheet header (by its folded signature), reused without questions. */
export const importTemplates = pgTable(
  'import_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** register | cases */
    target: text('target').notNull(),
    /** Folded header texts joined by "|" (domain/imports/mapping.ts headerSignature). */
    signature: text('signature').notNull(),
    /** { "A": "date", "C": "person", … } */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_templates_uq').on(t.agencyId, t.target, t.signature)],
);

/** One import of open cases (the register's imports stay in register_imports, which visits point at). */
export const caseImports = pgTable(
  'case_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fileSha256: text('file_sha256').notNull(),
    /** all | valid-only */
    mode: text('mode').notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_imports_file_uq').on(t.agencyId, t.fileSha256)],
);

/**
 * The rows an import wrote, by row key (the agency's reference, else the row's facts), so that a later file
 * holding the same rows creates nothing twice; and the record each row became, for undo. `importId` is a
 * register_imports or a case_imports id (no foreign key: it points at either).
 */
export const importRows = pgTable(
  'import_rows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    target: text('target').notNull(),
    importId: uuid('import_id').notNull(),
    rowKey: text('row_key').notNull(),
    sheetRow: integer('sheet_row').notNull(),
    /** The visit or case the row became. */
    entityId: uuid('entity_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('import_rows_key_idx').on(t.agencyId, t.target, t.rowKey), index('import_rows_import_idx').on(t.importId)],
);

// ---- good-models ----
// "Dân vận khéo" models (PARTICIPATION.md (d), ADR 0014): campaigns with their criteria as data, the models a unit
// registers, their evidence, the scores, the yearly "maintained" check. Replication is a link between two models.

/** A campaign (đợt phát động / đợt tổng kết) of an agency: yearly, or a 5-year review. Criteria, fields, scale and levels are data. */
export const modelCampaigns = pgTable(
  'model_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** 'year' | 'review' (5-year review, e.g. 2020–2025). */
    periodKind: text('period_kind').notNull(),
    fromYear: integer('from_year').notNull(),
    toYear: integer('to_year').notNull(),
    title: text('title').notNull(),
    /** {model: Criterion[], exemplar: Criterion[]}: the checklist per kind (domain/src/good-models.ts). */
    criteria: jsonb('criteria').notNull(),
    /** [{key, label}]: the fields models are classified by. */
    fields: jsonb('fields').notNull(),
    /** [{key, label, minScore}]: recognition levels, highest first. */
    levels: jsonb('levels').notNull(),
    scaleMax: integer('scale_max').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('model_campaigns_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')), index('model_campaigns_year_idx').on(t.fromYear)],
);

/** A model (mô hình, collective) or exemplar (điển hình, individual) a unit registered in a campaign. */
export const goodModels = pgTable(
  'good_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => modelCampaigns.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** 'model' | 'exemplar'. */
    kind: text('kind').notNull(),
    field: text('field').notNull(),
    /** Year of registration (the campaign's first year for a review). */
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The story: what was done, how people were persuaded, what changed. Public once recognised. */
    story: text('story').notNull(),
    /** registered | self-assessed | assessed | recognized | returned */
    status: text('status').notNull(),
    /** Self-assessment: [{criterion, score, comment}]. */
    selfScores: jsonb('self_scores'),
    selfAssessedAt: timestamp('self_assessed_at', { withTimezone: true, mode: 'date' }),
    /** Recognition level key (from the campaign's levels) and date. */
    level: text('level'),
    recognizedOn: date('recognized_on', { mode: 'string' }),
    returnReasons: text('return_reasons'),
    /** The model this one replicates (nhân rộng): another unit adopted it. */
    replicatedFromId: uuid('replicated_from_id'),
    /** foldForSearch(title + story + agency names + field label): diacritic- and đ/d-insensitive search. */
    searchKey: text('search_key').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('good_models_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('good_models_campaign_idx').on(t.campaignId),
    index('good_models_status_year_idx').on(t.status, t.year),
    index('good_models_replicated_from_idx').on(t.replicatedFromId),
  ],
);

/**
 * Evidence of a model: a file or photo (encrypted in the attachment storage; a photo also has a public copy,
 * resized and with its metadata — GPS included — removed) or a typed reference to a DânVận record
 * (`refType`: 'case' now; 'dialogue', 'commitment', 'consultation', 'vote' when those modules exist).
 */
export const modelEvidence = pgTable(
  'model_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => goodModels.id),
    title: text('title').notNull(),
    /** 'file' | 'photo' | 'record' */
    kind: text('kind').notNull(),
    storageKey: text('storage_key'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    dataKey: jsonb('data_key').$type<SealedJson>(),
    /** Photos: the public copy (JPEG, ≤ 1600 px, no EXIF), encrypted like the original. */
    publicStorageKey: text('public_storage_key'),
    publicDataKey: jsonb('public_data_key').$type<SealedJson>(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    /** What the record said when it was linked (code, state), for the audit; the live state is read on display. */
    refLabel: text('ref_label'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('model_evidence_model_idx').on(t.modelId), uniqueIndex('model_evidence_ref_uq').on(t.modelId, t.refType, t.refId)],
);

/** Scores of the level above (one row per assessor and model; a new assessment by the same assessor replaces it). */
export const modelAssessments = pgTable(
  'model_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => goodModels.id),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    assessorAgencyId: uuid('assessor_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** [{criterion, score, comment}] */
    scores: jsonb('scores').notNull(),
    total: integer('total').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('model_assessments_uq').on(t.modelId, t.assessorId)],
);

/** The yearly check that keeps recognised models honest: maintained (duy trì) or not. */
export const modelChecks = pgTable(
  'model_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => goodModels.id),
    year: integer('year').notNull(),
    maintained: boolean('maintained').notNull(),
    note: text('note'),
    checkedBy: uuid('checked_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('model_checks_uq').on(t.modelId, t.year)],
);

// ---- grassroots ----
// Grassroots democracy (issue 17; Luật 10/2022/QH15, NĐ 59/2023): thôn / tổ dân phố under a commune, their
// household registers (personal data sealed, a keyed hash for de-duplication), matters residents decide
// (Art. 15 items 1–6), the roll snapshot taken when a vote opens and ONE ledger per matter where a household is
// counted at most once whatever the form (primary key (matter, household)), initiatives with their consents,
// and the inspection boards' recommendations. docs/adr/0015-grassroots-one-ledger.md.

/** A thôn / tổ dân phố (residential community) under a commune. */
export const grassrootsCommunities = pgTable(
  'grassroots_communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** The commune's own code for it ("T01"). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** thon (thôn, làng, ấp, bản…) | to-dan-pho (tổ dân phố, khu phố, khóm…) */
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('grassroots_communities_code_uq').on(t.agencyId, t.code), index('grassroots_communities_path_idx').on(t.agencyPath.op('text_pattern_ops'))],
);

/** One household of a community's register: one representative (Art. 18(2)); identity sealed. */
export const grassrootsHouseholds = pgTable(
  'grassroots_households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    agencyPath: text('agency_path').notNull(),
    /** The household's number in the register ("HGĐ-001"); what staff and ballots name. */
    code: text('code').notNull(),
    members: integer('members').notNull(),
    /** Sealed {name, idNumber, phone, address} of the representative. */
    representative: jsonb('representative').$type<SealedJson>().notNull(),
    /** HMAC of the representative (ctx.personHasher): the same person twice in one register is refused. */
    personHash: text('person_hash'),
    /** SHA-256 of the household's printed online-voting code (ADR 0015); null until issued. */
    votingCodeHash: text('voting_code_hash'),
    /** When the representative agreed to vote online (NĐ 59 Art. 5(2)). */
    onlineOptInAt: timestamp('online_opt_in_at', { withTimezone: true, mode: 'date' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('grassroots_households_code_uq').on(t.communityId, t.code),
    uniqueIndex('grassroots_households_person_uq').on(t.communityId, t.personHash),
    uniqueIndex('grassroots_households_voting_code_uq').on(t.votingCodeHash),
  ],
);

/** A matter put to the residents (Art. 15 item 1–6), its vote and what followed it. */
export const grassrootsMatters = pgTable(
  'grassroots_matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** The village it concerns; null for a commune-wide matter (items 1–2 over every village). */
    communityId: uuid('community_id').references(() => grassrootsCommunities.id),
    item: integer('item').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** commune-chair | village-head | initiative */
    proposedBy: text('proposed_by').notNull(),
    initiativeId: uuid('initiative_id'),
    /** draft | voting | closed | sent | recognized | refused | annulled */
    status: text('status').notNull(),
    /** Forms opened for this vote (subset of the item's allowed forms). */
    forms: jsonb('forms').$type<string[]>().notNull().default([]),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }),
    closesOn: date('closes_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    /** The tally at close (domain/grassroots/rules.ts MatterResult). */
    result: jsonb('result'),
    passed: boolean('passed'),
    sendDueOn: date('send_due_on', { mode: 'string' }),
    sentOn: date('sent_on', { mode: 'string' }),
    recognitionDueOn: date('recognition_due_on', { mode: 'string' }),
    recognizedOn: date('recognized_on', { mode: 'string' }),
    refusalReason: text('refusal_reason'),
    /** Signatories of the decision document (names as printed; not citizens' identities). */
    signatories: jsonb('signatories'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_matters_path_idx').on(t.agencyPath.op('text_pattern_ops')), index('grassroots_matters_community_idx').on(t.communityId)],
);

/** The register snapshot of a matter, taken when its vote opens: the denominator of every threshold (c1). */
export const grassrootsRoll = pgTable(
  'grassroots_roll',
  {
    matterId: uuid('matter_id')
      .notNull()
      .references(() => grassrootsMatters.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => grassrootsHouseholds.id),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.householdId] }), index('grassroots_roll_community_idx').on(t.matterId, t.communityId)],
);

/** A meeting (or one cluster meeting) of a matter, with its count (Mẫu 02 for a secret ballot). */
export const grassrootsMeetings = pgTable(
  'grassroots_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => grassrootsMatters.id),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    cluster: text('cluster'),
    secret: boolean('secret').notNull(),
    attended: integer('attended').notNull(),
    agree: integer('agree').notNull(),
    disagree: integer('disagree').notNull(),
    other: integer('other').notNull(),
    /** Codes of the two household representatives who witnessed the count (NĐ 59 Art. 3(5)(c)). */
    witnesses: jsonb('witnesses').$type<string[]>().notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_meetings_matter_idx').on(t.matterId)],
);

/**
 * THE ledger: one row per household counted for a matter, saying which form counted it. The primary key
 * (matter, household) makes a second count impossible, whatever the form and however concurrent the requests.
 * `choice` is null for a household present at a secret-ballot meeting (its vote is in the meeting's count).
 */
export const grassrootsVotes = pgTable(
  'grassroots_votes',
  {
    matterId: uuid('matter_id')
      .notNull()
      .references(() => grassrootsMatters.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => grassrootsHouseholds.id),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    /** meeting | paper | online */
    form: text('form').notNull(),
    choice: text('choice'),
    otherText: text('other_text'),
    meetingId: uuid('meeting_id').references(() => grassrootsMeetings.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.householdId] }), index('grassroots_votes_community_idx').on(t.matterId, t.communityId)],
);

/** A citizen initiative (Art. 16(3)): ≥ 10% of households consent, each consent valid 3 months. */
export const grassrootsInitiatives = pgTable(
  'grassroots_initiatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    agencyPath: text('agency_path').notNull(),
    item: integer('item').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** The initiator's household (responsible for the list). */
    initiatorHouseholdId: uuid('initiator_household_id').references(() => grassrootsHouseholds.id),
    /** The village Front work committee agreed (lets an initiative below 10% go ahead). */
    frontAgreedOn: date('front_agreed_on', { mode: 'string' }),
    matterId: uuid('matter_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_initiatives_community_idx').on(t.communityId)],
);

export const grassrootsInitiativeSignatures = pgTable(
  'grassroots_initiative_signatures',
  {
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => grassrootsInitiatives.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => grassrootsHouseholds.id),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.householdId] })],
);

/** A recommendation of the people's inspection board (or the community investment monitoring board): answer in 15 days. */
export const grassrootsRecommendations = pgTable(
  'grassroots_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** inspection (Ban Thanh tra nhân dân) | investment (Ban Giám sát đầu tư của cộng đồng) */
    board: text('board').notNull(),
    content: text('content').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answeredOn: date('answered_on', { mode: 'string' }),
    answer: text('answer'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_recommendations_path_idx').on(t.agencyPath.op('text_pattern_ops'))],
);

// ---- consultation ----
// Public consultation on drafts (issue 20; docs/adr/0016-consultation.md; PARTICIPATION.md part (b)). A draft is
// imported as versioned sections; every opinion targets one section (or the whole draft, the section "Toàn văn");
// one person counts once per section per consultation (the ledger); the tally reads counters maintained in the
// same transaction as each opinion, never a scan of the opinions. The opinions table keeps the consultation and
// the submission time in its primary key, so that it can be partitioned by both (issue 21) without a redesign, and
// the counters carry a `stripe` so that a hot section can be spread over several rows.

/** A consultation: owner agency (and its path, for scope), kind, what it is about, period, milestones. */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    title: text('title').notNull(),
    /** commune | province | ministry | nation (domain/consultation/rules.ts) */
    kind: text('kind').notNull(),
    /** What is consulted on (Luật 10/2022 Art. 25 for communes; 'van-ban-qppl' for legal drafts). */
    subject: text('subject').notNull(),
    /** Who is asked (free text: "Nhân dân xã …", "Cơ quan, tổ chức, cá nhân trên cả nước"). */
    audience: text('audience').notNull(),
    summary: text('summary'),
    /** A draft containing state secrets is never published (NĐ 78/2025 Art. 2; b12). */
    stateSecret: boolean('state_secret').notNull().default(false),
    /** draft (not yet published) | published */
    status: text('status').notNull().default('draft'),
    /** Planned or actual period, calendar days (b6). */
    opensOn: date('opens_on', { mode: 'string' }),
    closesOn: date('closes_on', { mode: 'string' }),
    /** The minimum applied when it was published, and its basis (configurable data). */
    minDays: integer('min_days').notNull(),
    minDaysBasis: text('min_days_basis').notNull(),
    /** [{ key, label, due }] (b10). */
    milestones: jsonb('milestones').$type<{ key: string; label: string; due: string }[]>().notNull().default([]),
    currentVersion: integer('current_version').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: uuid('published_by').references(() => users.id),
    /** The synthesis report is published on the portal from this day (≥ 30 consecutive days; b9). */
    synthesisPublishedOn: date('synthesis_published_on', { mode: 'string' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('consultations_path_idx').on(t.agencyPath), index('consultations_status_idx').on(t.status, t.closesOn)],
);

/** An imported version of the draft. */
export const consultationVersions = pgTable(
  'consultation_versions',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    version: integer('version').notNull(),
    /** docx | text */
    source: text('source').notNull(),
    fileName: text('file_name'),
    note: text('note'),
    sections: integer('sections').notNull(),
    articles: integer('articles').notNull(),
    importedBy: uuid('imported_by')
      .notNull()
      .references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.version] })],
);

/**
 * A section of the draft, valid from `firstVersion` to `lastVersion` (null = in the current version). A re-import
 * keeps the row of every section whose key and text are unchanged, so the opinions on it (which point at the row)
 * stay with it; an edited section gets a new row and the old one keeps its opinions as "on the previous text".
 */
export const consultationSections = pgTable(
  'consultation_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    /** Stable id: "Toàn văn", "Chương I", "Điều 9", "Điều 9.2", "Điều 9.2.a". */
    key: text('key').notNull(),
    /** whole | phan | chuong | muc | dieu | khoan | diem */
    kind: text('kind').notNull(),
    parentKey: text('parent_key'),
    ord: integer('ord').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    /** SHA-256 of the section's text with everything under it (white space normalised). */
    contentHash: text('content_hash').notNull(),
    firstVersion: integer('first_version').notNull(),
    lastVersion: integer('last_version'),
  },
  (t) => [
    uniqueIndex('consultation_sections_key_uq').on(t.consultationId, t.key, t.firstVersion),
    index('consultation_sections_current_idx').on(t.consultationId, t.lastVersion, t.ord),
  ],
);

/**
 * Every opinion received, on every channel, including the replaced ones and the spoken-only ones that are not
 * counted (status). `personKey` is a keyed hash (HMAC) of the verified identifier — never the phone, e-mail or ID
 * number; the respondent's details given to an officer are sealed in `consultation_respondents`.
 */
export const consultationOpinions = pgTable(
  'consultation_opinions',
  {
    id: uuid('id').notNull().defaultRandom(),
    consultationId: uuid('consultation_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    sectionId: uuid('section_id').notNull(),
    personKey: text('person_key').notNull(),
    /** otp-sms | otp-email | vneid | id-number | agency */
    identityMethod: text('identity_method').notNull(),
    /** portal | assisted | written | conference */
    channel: text('channel').notNull(),
    /** approve | disapprove | partly */
    stance: text('stance').notNull(),
    text: text('text'),
    category: text('category').notNull(),
    ageBand: text('age_band').notNull().default(''),
    occupation: text('occupation'),
    provinceCode: text('province_code').notNull().default(''),
    communeCode: text('commune_code').notNull().default(''),
    /** counted | replaced (a later opinion of the same person on the same section) | spoken-only (not counted) */
    status: text('status').notNull(),
    replacedBy: uuid('replaced_by'),
    /** Written submissions: the agency that wrote. */
    fromAgencyId: uuid('from_agency_id'),
    conferenceId: uuid('conference_id'),
    /** The officer who entered it (assisted, written, conference). */
    enteredBy: uuid('entered_by'),
    /** Assisted entry and conference forms: the respondent's details, sealed (consultation_respondents). */
    respondentId: uuid('respondent_id'),
  },
  (t) => [
    primaryKey({ columns: [t.consultationId, t.submittedAt, t.id] }),
    index('consultation_opinions_section_idx').on(t.consultationId, t.sectionId, t.status),
    index('consultation_opinions_id_idx').on(t.id),
  ],
);

/** The details a respondent gave to an officer (name, personal ID, phone, e-mail), sealed; one row per submission. */
export const consultationRespondents = pgTable('consultation_respondents', {
  id: uuid('id').primaryKey().defaultRandom(),
  consultationId: uuid('consultation_id')
    .notNull()
    .references(() => consultations.id),
  details: jsonb('details').$type<SealedJson>().notNull(),
  createdAt: createdAt(),
});

/** One person, one counted opinion per section: the opinion that currently counts. */
export const consultationLedger = pgTable(
  'consultation_ledger',
  {
    consultationId: uuid('consultation_id').notNull(),
    sectionId: uuid('section_id').notNull(),
    personKey: text('person_key').notNull(),
    opinionId: uuid('opinion_id').notNull(),
    replacements: integer('replacements').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.sectionId, t.personKey] })],
);

/** Distinct participants of a consultation (any section, any channel). */
export const consultationParticipants = pgTable(
  'consultation_participants',
  {
    consultationId: uuid('consultation_id').notNull(),
    personKey: text('person_key').notNull(),
    firstChannel: text('first_channel').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.personKey] })],
);

/**
 * The tally: counted opinions per section by stance × channel × category × age band × province × commune,
 * adjusted in the same transaction as each opinion (+1 for a new one, −1/+1 for a replacement). `stripe` lets a
 * hot cell be spread over several rows (issue 21); readers sum over stripes.
 */
export const consultationCounters = pgTable(
  'consultation_counters',
  {
    consultationId: uuid('consultation_id').notNull(),
    sectionId: uuid('section_id').notNull(),
    stance: text('stance').notNull(),
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    ageBand: text('age_band').notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code').notNull(),
    stripe: integer('stripe').notNull().default(0),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.sectionId, t.stance, t.channel, t.category, t.ageBand, t.provinceCode, t.communeCode, t.stripe] })],
);

/** Consultation-wide figures kept beside the counters: participants, opinions received, replaced, spoken-only. */
export const consultationTotals = pgTable(
  'consultation_totals',
  {
    consultationId: uuid('consultation_id').notNull(),
    key: text('key').notNull(),
    stripe: integer('stripe').notNull().default(0),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.key, t.stripe] })],
);

/**
 * The tally's figures kept apart per dimension (ADR 0023, "margins"): per section, counted opinions by stance,
 * channel, category, age band, and place (province with its commune). Moved by the same deltas, in the same
 * statement batch, as the cross-product counters above; the unfiltered tally reads these (a few rows per section
 * and commune) instead of rolling up every cell; a tally filtered to a province or commune reads the counters.
 */
export const consultationMargins = pgTable(
  'consultation_margins',
  {
    consultationId: uuid('consultation_id').notNull(),
    sectionId: uuid('section_id').notNull(),
    /** stance | channel | category | age | place */
    dim: text('dim').notNull(),
    /** The stance, channel, category or age band; for `place` the province code. */
    value: text('value').notNull(),
    /** For `place` the commune code ('' when unknown); '' for the other dimensions. */
    commune: text('commune').notNull().default(''),
    stripe: integer('stripe').notNull().default(0),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.sectionId, t.dim, t.value, t.commune, t.stripe] })],
);

/** One-time codes for the portal channel: the code and the identifier are kept only as keyed hashes. */
export const consultationCodes = pgTable(
  'consultation_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    /** otp-sms | otp-email */
    method: text('method').notNull(),
    personKey: text('person_key').notNull(),
    codeHash: text('code_hash').notNull(),
    hint: text('hint').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_codes_person_idx').on(t.consultationId, t.personKey, t.createdAt)],
);

/** Idempotency of public opinion submissions: the same key returns the same answer. */
export const consultationSubmissions = pgTable('consultation_submissions', {
  keyHash: text('key_hash').primaryKey(),
  requestHash: text('request_hash').notNull(),
  response: jsonb('response'),
  createdAt: createdAt(),
});

/** A conference or seminar (hội nghị, tọa đàm): its counts and minutes; only written opinions are counted (b5). */
export const consultationConferences = pgTable(
  'consultation_conferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: integer('attendees').notNull(),
    minutes: text('minutes').notNull(),
    writtenOpinions: integer('written_opinions').notNull(),
    spokenOnly: integer('spoken_only').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_conferences_c_idx').on(t.consultationId)],
);

/** Agencies invited to answer in writing within 15 days (b7): tracked and reminded. */
export const consultationInvitations = pgTable(
  'consultation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    invitedOn: date('invited_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answeredOn: date('answered_on', { mode: 'string' }),
    lastRemindedOn: date('last_reminded_on', { mode: 'string' }),
    reminders: integer('reminders').notNull().default(0),
  },
  (t) => [uniqueIndex('consultation_invitations_uq').on(t.consultationId, t.agencyId)],
);

/** A group of opinions on one section, and the drafting body's answer: accepted / partly / not accepted, explained. */
export const consultationThemes = pgTable(
  'consultation_themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => consultationSections.id),
    title: text('title').notNull(),
    /** accepted | partly | not-accepted; null until answered. */
    outcome: text('outcome'),
    explanation: text('explanation'),
    /** At the answer: the section's majority stance, the theme's stance, and whether the outcome departs from the majority. */
    sectionMajority: text('section_majority'),
    themeStance: text('theme_stance'),
    departsFromMajority: boolean('departs_from_majority'),
    respondedBy: uuid('responded_by').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_themes_c_idx').on(t.consultationId)],
);

export const consultationThemeOpinions = pgTable(
  'consultation_theme_opinions',
  {
    themeId: uuid('theme_id')
      .notNull()
      .references(() => consultationThemes.id),
    opinionId: uuid('opinion_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.opinionId] })],
);

// ---- national sync and Open311 (issue 16) ----

/**
 * National complaints database sync (NĐ 55/2022 Art. 8): one row per case event to push (the case received, every
 * later step), written in the transaction of the step. `payload` is exactly the JSON sent (never a sealed
 * identity); it stays after delivery as the record of what was sent. Delivered in `seq` order per case.
 */
export const nationalSyncOutbox = pgTable(
  'national_sync_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    /** case.received | case.step */
    event: text('event').notNull(),
    /** open | receive-forwarded | the workflow action (accept, forward, answer, …) */
    action: text('action').notNull(),
    payload: jsonb('payload').notNull(),
    payloadSha256: text('payload_sha256').notNull(),
    /** pending | sending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    claimToken: text('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    lastHttpStatus: integer('last_http_status'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('national_sync_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('national_sync_outbox_case_idx').on(t.caseId, t.seq),
    index('national_sync_outbox_path_idx').on(t.agencyPath),
  ],
);

/** The sync audit: every delivery attempt with its result (no payload, no personal data). */
export const nationalSyncAttempts = pgTable(
  'national_sync_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => nationalSyncOutbox.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    ok: boolean('ok').notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('national_sync_attempts_outbox_idx').on(t.outboxId)],
);

/** Open311 GeoReport v2: the service request behind a feedback case created through `POST requests`. */
export const open311Requests = pgTable(
  'open311_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The agency that received it (jurisdiction), for scoping the public list. */
    agencyPath: text('agency_path').notNull(),
    serviceCode: text('service_code').notNull(),
    /** WGS84 as submitted (decimal text), or null. */
    lat: text('lat'),
    long: text('long'),
    addressString: text('address_string'),
    addressId: text('address_id'),
    zipcode: text('zipcode'),
    mediaUrl: text('media_url'),
    /** The integration whose API key posted it. */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('open311_requests_case_uq').on(t.caseId), index('open311_requests_path_idx').on(t.agencyPath, t.createdAt)],
);

// ---- dialogues, follow-up (issue 14) ----
// Requests that make a dialogue due (a2: ≥ 10 % of the commune's voters; a8: a youth organisation's request, decided
// within 45 days), the village and residential-group heads a conclusion is sent to (a4), and what was sent to whom.
// docs/adr/0013-dialogues-and-commitments.md (amendment).

/** A request for a dialogue: voters' petition (signatures against the voter roll) or a youth organisation's. */
export const dialogueRequests = pgTable(
  'dialogue_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "YC-<agency code>-<year>-<n>". */
    code: text('code').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** The dialogue kind asked for (its request rule: threshold % or decision days). */
    kind: text('kind').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    /** Who asks ("Cử tri thôn Đông", "Đoàn TNCS HCM xã"): an organisation or a group, never a citizen's identity. */
    requester: text('requester').notNull(),
    content: text('content'),
    /** Voters' petition: distinct verified voters who signed, and the commune's voter roll at that date. */
    signatures: integer('signatures'),
    votersOnRoll: integer('voters_on_roll'),
    /** The threshold in force (%, copied from the kind) and whether it is met. */
    thresholdPercent: integer('threshold_percent'),
    triggered: boolean('triggered').notNull().default(false),
    /** Decision on a request that needs one (youth: 45 days, legal clock), and the decision. */
    decisionDueOn: date('decision_due_on', { mode: 'string' }),
    decisionExplanation: text('decision_explanation'),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** accepted | refused */
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decisionLate: boolean('decision_late').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dialogue_requests_code_uq').on(t.code), index('dialogue_requests_path_idx').on(t.agencyPath, t.requestedOn)],
);

/** A village (thôn) or residential-group (tổ dân phố) head a commune's conclusions are sent to (a4). */
export const dialogueVillageHeads = pgTable(
  'dialogue_village_heads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** "Thôn Đông", "Tổ dân phố số 5". */
    village: text('village').notNull(),
    /** thon | to-dan-pho */
    villageKind: text('village_kind').notNull(),
    headName: text('head_name').notNull(),
    /** Official contact of the head (an office holder, not a petitioner); shown to the commune's staff only. */
    email: text('email'),
    /** The head's DânVận account, when they have one: the conclusion arrives as an in-app notice. */
    userId: uuid('user_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dialogue_village_heads_uq').on(t.agencyId, t.village), index('dialogue_village_heads_path_idx').on(t.agencyPath)],
);

/** A conclusion (or a cancellation) sent to a village head: one row per head and channel. */
export const dialogueDispatches = pgTable(
  'dialogue_dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    headId: uuid('head_id')
      .notNull()
      .references(() => dialogueVillageHeads.id),
    /** conclusion */
    what: text('what').notNull(),
    /** app | email */
    channel: text('channel').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('dialogue_dispatches_uq').on(t.dialogueId, t.headId, t.what, t.channel)],
);

/** A cancelled dialogue (status 'cancelled'): when, why, and how many registrants were told. */
export const dialogueCancellations = pgTable('dialogue_cancellations', {
  dialogueId: uuid('dialogue_id')
    .primaryKey()
    .references(() => dialogues.id),
  cancelledOn: date('cancelled_on', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  registrantsTold: integer('registrants_told').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** Files of a held dialogue (the minutes as signed, photos, the attendance sheet), optionally of one session. */
export const dialogueAttachments = pgTable(
  'dialogue_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id),
    sessionId: uuid('session_id').references(() => dialogueSessions.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The file's own key, sealed (like commitment evidence). */
    dataKey: jsonb('data_key').$type<SealedJson>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('dialogue_attachments_dialogue_idx').on(t.dialogueId)],
);

// ---- good-models awards (issue 15) ----
// Commendations (khen thưởng) given to a recognised «Dân vận khéo» model: the award form or level, the decision's
// number and date, who signed (Luật Thi đua, khen thưởng 06/2022/QH15 [R]). Public once the model is recognised.

export const modelAwards = pgTable(
  'model_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => goodModels.id),
    /** "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Chủ tịch UBND xã"… (free text: the emulation law's forms). */
    level: text('level').notNull(),
    decisionNo: text('decision_no').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** Name and title of the signer as printed on the decision. */
    signer: text('signer').notNull(),
    /** The agency whose officer recorded it (the issuing level). */
    issuerAgencyId: uuid('issuer_agency_id')
      .notNull()
      .references(() => agencies.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('model_awards_decision_uq').on(t.modelId, t.decisionNo), index('model_awards_model_idx').on(t.modelId)],
);

// ---- case duties (issue 12) ----
/**
 * Duties that run beside a case's one running deadline (ADR 0024): notifying the acceptance of a denunciation,
 * sending a suspension / resumption decision, the written notice refusing a repeat visit. Each has its own rule,
 * trigger day and due date (null when no rule version was in force on the trigger day), and is done once.
 */
export const caseDuties = pgTable(
  'case_duties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of opening (rows of one step share created_at under an injected clock). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** DUTY_SPECS code (domain/duties.ts). */
    code: text('code').notNull(),
    rule: text('rule').notNull(),
    ruleVersion: text('rule_version'),
    label: text('label').notNull(),
    citation: text('citation').notNull(),
    /** The trigger day (not counted) and the agency's remote flag then: what recomputes `dueOn` after a calendar edit. */
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    remote: boolean('remote').notNull().default(false),
    dueOn: date('due_on', { mode: 'string' }),
    /** The audit action that opened it (case.suspend, visit.record…) and the visit of a repeat notice. */
    openedBy: text('opened_by').notNull(),
    visitId: uuid('visit_id').references(() => visits.id),
    doneOn: date('done_on', { mode: 'string' }),
    documentNo: text('document_no'),
    doneBy: uuid('done_by').references(() => users.id),
    overdueSince: date('overdue_since', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('case_duties_case_idx').on(t.caseId), index('case_duties_due_idx').on(t.dueOn)],
);
// ---- federation (issue 16) ----

/**
 * The directory of DânVận instances (liên thông, ADR 0018): each serves the agency subtrees of `agencyCodes`, answers
 * at `baseUrl`, and signs with the public keys in `keys` (several during a rotation's overlap). Registered by the
 * national administrator (trust anchors) and copied to every instance with `danvan federation import-directory`.
 */
export const federationInstances = pgTable('federation_instances', {
  /** Short stable identifier ("hn", "hcm", "vn"). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Agency codes whose subtrees this instance serves ("79", "01", "BCA"). */
  agencyCodes: jsonb('agency_codes').$type<string[]>().notNull(),
  /** Public keys: { kid, sig (Ed25519 JWK), enc (X25519 JWK), notBefore, notAfter|null }. */
  keys: jsonb('keys').$type<FederationPublicKey[]>().notNull(),
  active: boolean('active').notNull().default(true),
  registeredBy: uuid('registered_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export interface FederationPublicKey {
  kid: string;
  sig: Record<string, string>;
  enc: Record<string, string>;
  notBefore: string;
  notAfter: string | null;
}

/** This instance's own key pairs: the newest unretired is current; the private halves sealed (security/sealer.ts). */
export const federationOwnKeys = pgTable('federation_own_keys', {
  kid: text('kid').primaryKey(),
  publicSig: jsonb('public_sig').$type<Record<string, string>>().notNull(),
  publicEnc: jsonb('public_enc').$type<Record<string, string>>().notNull(),
  /** Sealed JSON {sig, enc} of the private JWKs. */
  privateKeys: jsonb('private_keys').$type<SealedJson>().notNull(),
  createdAt: createdAt(),
  /** After this moment the key no longer signs; peers accept it until its notAfter in the directory. */
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
});

/**
 * Packages sent (direction `out`, the outbox) and received (`in`), modelled on the edXML envelope (ADR 0018, 0019).
 * `id` is the package id chosen by the sender: the receiver's primary key, so a repeated delivery creates nothing.
 */
export const federationPackages = pgTable(
  'federation_packages',
  {
    id: uuid('id').notNull(),
    direction: text('direction').notNull(),
    /** edoc | replacement | revocation | update | status */
    type: text('type').notNull(),
    /** The other instance (receiver of `out`, sender of `in`). */
    peerInstance: text('peer_instance').notNull(),
    fromAgency: text('from_agency').notNull(),
    toAgency: text('to_agency').notNull(),
    documentNo: text('document_no').notNull(),
    documentDate: date('document_date', { mode: 'string' }).notNull(),
    /** The local case: the forwarded case (out) or the case opened from it (in). */
    caseId: uuid('case_id'),
    /** The edoc a status / recall / replacement / update refers to. */
    refersTo: uuid('refers_to'),
    /** The signed package (JWS compact serialisation) exactly as sent or received. */
    body: text('body').notNull(),
    /** out: pending | delivered | returned | failed; in: accepted | returned | revoked */
    status: text('status').notNull(),
    /** out (edoc): the last processing status the receiver reported (received, accepted, rejected, processing, done). */
    remoteStatus: text('remote_status'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    /** The receiver's acknowledgement (same day, NĐ 30/2020 Art. 21): when, and its signed receipt. */
    ackedAt: timestamp('acked_at', { withTimezone: true, mode: 'date' }),
    ack: text('ack'),
    returnReason: text('return_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.direction, t.id] }),
    index('federation_packages_due_idx').on(t.direction, t.status, t.nextAttemptAt),
    index('federation_packages_case_idx').on(t.caseId),
  ],
);

/**
 * The national roll-up (ADR 0020): the report counters of other instances, from their signed snapshots, beside the
 * local ones. Read by reports/counters.ts with report_counters and its deltas; replaced whole at each pull.
 */
export const federationCounterRows = pgTable(
  'federation_counter_rows',
  {
    instanceId: text('instance_id').notNull(),
    scope: text('scope').notNull(),
    child: text('child').notNull(),
    bucket: date('bucket', { mode: 'string' }).notNull(),
    key: text('key').notNull(),
    prev: date('prev', { mode: 'string' }).notNull().default(NO_PREVIOUS_VISIT),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.scope, t.bucket, t.key, t.child, t.prev] })],
);

/** The last snapshot pulled from each instance: when, as of when, under which key, and its rows' digest. */
export const federationSnapshots = pgTable('federation_snapshots', {
  instanceId: text('instance_id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
  kid: text('kid').notNull(),
  rows: integer('rows').notNull(),
  sha256: text('sha256').notNull(),
  pulledAt: timestamp('pulled_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// ---- consultation at national scale (issue 21) ----
// docs/adr/0023-consultation-at-scale.md. consultation_opinions becomes a table partitioned by time (hand-written
// tail of the migration); its status may also be 'flagged' (a false attribution pending review) or 'withdrawn' (a
// false attribution upheld).

/**
 * A citizen's flag on an opinion filed in their name without their consent (verified by the same one-time code),
 * or a burst of opinions from one source or one officer's assisted channel flagged for review (kind 'burst').
 * A pending false-attribution flag takes the opinion out of the tally at once; it returns only if the review
 * rejects the flag.
 */
export const consultationFlags = pgTable(
  'consultation_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    /** false-attribution | burst */
    kind: text('kind').notNull(),
    /** false-attribution: the opinion and its key in the partitioned table. */
    opinionId: uuid('opinion_id'),
    opinionSubmittedAt: timestamp('opinion_submitted_at', { withTimezone: true, mode: 'date' }),
    sectionId: uuid('section_id'),
    personKey: text('person_key'),
    /** burst: 'ip:<keyed hash>' or 'officer:<user id>', the window's start and the number of opinions in it. */
    source: text('source'),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }),
    opinions: integer('opinions'),
    reason: text('reason'),
    /** pending | upheld | rejected */
    status: text('status').notNull().default('pending'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewNote: text('review_note'),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_flags_c_idx').on(t.consultationId, t.status, t.createdAt), index('consultation_flags_opinion_idx').on(t.opinionId)],
);

/** One run of the opinion-group clustering (PCA + k-means over participants' stance vectors), kept for staff. */
export const consultationClusterings = pgTable(
  'consultation_clusterings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    seed: integer('seed').notNull(),
    k: integer('k').notNull(),
    participants: integer('participants').notNull(),
    sections: integer('sections').notNull(),
    /** Share of the variance each principal component explains. */
    explained: jsonb('explained').$type<number[]>().notNull(),
    /** The groups: size, centroid in the components, sections agreed and disagreed on, suggested theme. */
    groups: jsonb('groups').$type<unknown[]>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_clusterings_c_idx').on(t.consultationId, t.createdAt)],
);

// ---- search and same matters (issue 18) ----

/**
 * One row per case, visit and petition: the folded text `searchRecords` matches (foldForSearch of the content,
 * the case code, document numbers, and the names the record may show — never a denouncer's: a denunciation's
 * records carry no name). Written by the use cases that create the record (ADR 0022); a trigram GIN index on
 * `folded` (hand-written tail of the migration). `id` is the record's own id.
 */
export const searchDocs = pgTable(
  'search_docs',
  {
    id: uuid('id').primaryKey(),
    /** case | visit | petition */
    recordType: text('record_type').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    kind: text('kind').notNull(),
    /** Received on (case, petition) or visited on (visit). */
    day: date('day', { mode: 'string' }).notNull(),
    /** The record's content as entered (highlighted in results). */
    content: text('content').notNull(),
    /** Visible names (petitioner, co-signers, citizen); null for a denunciation. */
    names: text('names'),
    /** foldForSearch(names): matched only where the case is not a denunciation (checked at query time too). */
    namesFolded: text('names_folded'),
    /** foldForSearch of the code and the content (no names). */
    folded: text('folded').notNull(),
  },
  (t) => [
    index('search_docs_agency_path_idx').on(t.agencyPath.op('text_pattern_ops')),
    index('search_docs_case_idx').on(t.caseId),
  ],
);

/**
 * The facts of a case that decide whether two letters are one matter (domain/matters/entities.ts): decisions
 * ("12/qd"), parcels ("45/7"), streets, people named, amounts. Extracted when the case is opened.
 */
export const matterEntities = pgTable(
  'matter_entities',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** decisions | parcels | streets | people | amounts */
    entity: text('entity').notNull(),
    value: text('value').notNull(),
    agencyPath: text('agency_path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.entity, t.value] }), index('matter_entities_value_idx').on(t.entity, t.value)],
);

/**
 * Duplicate links (TT 05/2021; Luật Tố cáo Art. 24(3)): `caseId` is a copy of the matter handled in
 * `matterCaseId`; the copy was archived by the link (its columns before, to restore on unlink).
 */
export const duplicateLinks = pgTable(
  'duplicate_links',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    matterCaseId: uuid('matter_case_id')
      .notNull()
      .references(() => cases.id),
    /** The copy's columns before the link archived it, restored by unlinkDuplicate; null when it was not archived. */
    previous: jsonb('previous').$type<Record<string, unknown>>(),
    linkedBy: uuid('linked_by')
      .notNull()
      .references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('duplicate_links_matter_idx').on(t.matterCaseId)],
);

// ---- grassroots procedure (issue 17) ----
// The procedure around a community vote and the commune's other grassroots duties (PARTICIPATION.md c5, c6, c10,
// c12–c13, c26, c27): the meeting notice (Mẫu 01), the ballot plan and the online team, the counting board and
// procedural votes of a meeting, the year-end community conference, and the register of what the commune published.

/** A meeting notice (Mẫu 01, NĐ 59 Art. 3(3)–(4)): at least 2 days before; items 1–3 documents to every household. */
export const grassrootsNotices = pgTable(
  'grassroots_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => grassrootsMatters.id),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    cluster: text('cluster'),
    noticeOn: date('notice_on', { mode: 'string' }).notNull(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** Items 1–3: the day the documents reached every household. */
    documentsOn: date('documents_on', { mode: 'string' }),
    /** Cluster meetings (Art. 18(3); NĐ 59 Art. 3(6)): the day UBND xã approved the cluster plan; scattered settlement. */
    clusterPlanApprovedOn: date('cluster_plan_approved_on', { mode: 'string' }),
    scattered: boolean('scattered').notNull().default(false),
    /** Item 3 (village rules): the day the draft was posted (≥ 30 days before; NĐ 61/2023 Art. 9). */
    draftPostedOn: date('draft_posted_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_notices_matter_idx').on(t.matterId, t.communityId)],
);

/** The plan of a household ballot (c10) or of an online vote (c12–c13): one per matter and form. */
export const grassrootsVotePlans = pgTable(
  'grassroots_vote_plans',
  {
    matterId: uuid('matter_id')
      .notNull()
      .references(() => grassrootsMatters.id),
    /** paper | online */
    form: text('form').notNull(),
    /** Ballot: the day the ballot form was decided; online: the day the village head and the Front committee agreed. */
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** Ballot: the day the plan went to the commune chair and the MTTQ chair. */
    planSentOn: date('plan_sent_on', { mode: 'string' }),
    planLate: boolean('plan_late').notNull().default(false),
    noticeOn: date('notice_on', { mode: 'string' }),
    /** Ballot: distribution day / online: first voting day. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Ballot: return deadline / online: last voting day. */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** [{name, leader}] — 3–5 people, the leader the Front representative. */
    team: jsonb('team').$type<{ name: string; leader?: boolean }[]>().notNull(),
    /** Online: the lawful social-network group or channel used (NĐ 59 Art. 5(3)). */
    channel: text('channel'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.form] })],
);

/** The counting board (3–5) and the procedural votes of a meeting, passed by > 50% of households present (c6). */
export const grassrootsMeetingProcedure = pgTable('grassroots_meeting_procedure', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => grassrootsMeetings.id),
  countingBoard: jsonb('counting_board').$type<string[]>().notNull(),
  /** [{subject, agree, passed}] */
  procedural: jsonb('procedural').$type<{ subject: string; agree: number; passed: boolean }[]>().notNull(),
});

/** The year-end community conference of a thôn / tổ dân phố (Art. 33; NĐ 59 Arts. 10–11; c26). */
export const grassrootsConferences = pgTable(
  'grassroots_conferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => grassrootsCommunities.id),
    agencyPath: text('agency_path').notNull(),
    year: integer('year').notNull(),
    noticeOn: date('notice_on', { mode: 'string' }).notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** Agenda keys covered (domain CONFERENCE_AGENDA). */
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    resultSummary: text('result_summary'),
    /** The day the written result went to UBND xã and MTTQ xã. */
    resultSentOn: date('result_sent_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('grassroots_conferences_year_uq').on(t.communityId, t.year), index('grassroots_conferences_path_idx').on(t.agencyPath.op('text_pattern_ops'))],
);

/** What the commune published (Art. 11–14; c27): the quarterly list is read from here. */
export const grassrootsPublications = pgTable(
  'grassroots_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** Art. 11 category (1–14). */
    item: integer('item').notNull(),
    title: text('title').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    postedUntil: date('posted_until', { mode: 'string' }),
    loudspeakerFrom: date('loudspeaker_from', { mode: 'string' }),
    loudspeakerTo: date('loudspeaker_to', { mode: 'string' }),
    /** e.g. ['office', 'portal', 'loudspeaker', 'village-heads'] */
    channels: jsonb('channels').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_publications_path_idx').on(t.agencyPath.op('text_pattern_ops'), t.postedOn)],
);

/** A board's plan (c24: the inspection board's plan ≥ 5 working days before acting; c25: owner notified ≥ 45 days before). */
export const grassrootsBoardPlans = pgTable(
  'grassroots_board_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    agencyPath: text('agency_path').notNull(),
    /** inspection | investment */
    board: text('board').notNull(),
    subject: text('subject').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('grassroots_board_plans_path_idx').on(t.agencyPath.op('text_pattern_ops'))],
);
