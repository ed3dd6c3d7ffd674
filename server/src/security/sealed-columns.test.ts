/**
 * The list of sealed stores (sealed-columns.ts) covers every sealed column that schema.ts declares, so the key tools
 * re-seal everything. Two nets, both over the Drizzle table definitions:
 * - types (tsc): every column typed as a sealed box (jsonb `$type<SealedJson>()`) and every table whose row is a
 *   box must be listed;
 * - run time: every column named like a box part (key_id, iv, ciphertext, auth_tag) belongs to a listed row box,
 *   and every jsonb column is either a listed box or declared plain below with the reason it holds no secret.
 */
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as schema from '../db/schema.ts';
import { SEALED_STORES, type ListedSealed, type SealedInSchema } from './sealed-columns.ts';

/**
 * jsonb columns that hold no sealed box, "table.column" (SQL names). Adding a jsonb column? If it holds personal
 * data it is sealed and goes into SEALED_STORES; otherwise add it here with why.
 */
const PLAIN_JSON: Record<string, string> = {
  'cases.clock_extensions': 'days of each extension (numbers)',
  'visits.representatives': 'named representatives of a delegation; never a denunciation (sealed with the identity)',
  'visits.documents': 'titles and page counts of documents handed in',
  'petitions.co_signers': 'co-signers of a complaint; empty for a denunciation',
  'audit_log.before': 'audited state; never personal data of a denouncer (write-audit.ts)',
  'audit_log.after': 'audited state; never personal data of a denouncer (write-audit.ts)',
  'app_settings.value': 'admin-edited lists',
  'report_settings.value': 'reporting cut-off',
  'import_templates.mapping': 'an agency\'s column mapping for a sheet header (column letters to field names)',
  'model_campaigns.criteria': 'a campaign\'s criteria checklist (labels)',
  'model_campaigns.fields': 'a campaign\'s fields (labels)',
  'model_campaigns.levels': 'recognition levels and thresholds',
  'good_models.self_scores': 'the unit\'s scores per criterion and comments on its own work',
  'model_assessments.scores': 'assessors\' scores per criterion and comments',
  'grassroots_matters.forms': 'forms opened for a vote (meeting, paper, online)',
  'grassroots_matters.result': 'vote totals per village (counts, no household)',
  'grassroots_matters.signatories': 'names of the village head and Front committee head as printed on the decision (office holders); household codes',
  'grassroots_meetings.witnesses': 'household codes of the two witnesses (no names)',
  'grassroots_vote_plans.team': 'names of the ballot / online team (Front representative and members acting in office, printed on the records)',
  'grassroots_meeting_procedure.counting_board': 'names of the vote-counting board elected at the meeting (printed on Mẫu 02)',
  'grassroots_meeting_procedure.procedural': 'procedural vote subjects and counts',
  'grassroots_conferences.agenda': 'agenda keys covered',
  'grassroots_publications.channels': 'publication channel keys',
  'consultations.milestones': 'milestone keys, labels and dates of a consultation',
  'consultation_submissions.response': 'counts and section ids answered to a portal opinion submission; no identity',
  'consultation_clusterings.explained': 'share of variance per principal component (numbers)',
  'consultation_clusterings.groups': 'opinion groups: sizes, centroids, sections agreed/disagreed on (no person)',
  'duplicate_links.previous': 'a case copy\'s workflow columns before the duplicate link archived it (state, dates; no identity)',
  'national_sync_outbox.payload': 'the case event sent to the national complaints database; never a sealed identity (national-sync/enqueue-sync.ts, ADR 0021)',
  'federation_instances.agency_codes': 'agency codes an instance of the liên thông directory serves',
  'federation_instances.keys': 'public keys of an instance (JWK, no private part)',
  'federation_own_keys.public_sig': 'this instance\'s public signing key (JWK)',
  'federation_own_keys.public_enc': 'this instance\'s public encryption key (JWK)',
};

const BOX_PART = /(^|_)(key_id|iv|ciphertext|auth_tag)$/;

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));

describe('sealed stores', () => {
  it('the type of every sealed column in schema.ts is listed (checked by tsc)', () => {
    expectTypeOf<Exclude<SealedInSchema, ListedSealed>>().toEqualTypeOf<never>();
    expectTypeOf<ListedSealed>().toEqualTypeOf<SealedInSchema>();
    expect(SEALED_STORES.map((s) => s.name)).toEqual([
      'sealed_identities',
      'portal_submissions.contact',
      'portal_idempotency_keys.response',
      'portal_attachments.data_key',
      'notification_outbox.payload',
      'dialogue_registrations.contact',
      'commitment_evidence.data_key',
      'dialogue_attachments.data_key',
      'reception_bookings.contact',
      'model_evidence.data_key',
      'model_evidence.public_data_key',
      'grassroots_households.representative',
      'consultation_respondents.details',
      'federation_own_keys.private_keys',
    ]);
  });

  it('every column named like a part of a box belongs to a listed row box', () => {
    expect(tables.length).toBeGreaterThan(20);
    const listed = new Set(
      SEALED_STORES.flatMap((s) => (s.layout.kind === 'columns' ? [s.layout.keyId, s.layout.iv, s.layout.ciphertext, s.layout.authTag].map((c) => `${getTableName(s.table)}.${c.name}`) : [])),
    );
    const parts = tables.flatMap((t) => Object.values(getTableColumns(t)).filter((c) => BOX_PART.test(c.name)).map((c) => `${getTableName(t)}.${c.name}`));
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.filter((p) => !listed.has(p))).toEqual([]);
  });

  it('every jsonb column is a listed box or declared plain, and the plain list names real columns', () => {
    const boxes = new Set(SEALED_STORES.filter((s) => s.layout.kind === 'json').map((s) => s.name));
    const jsonColumns = tables.flatMap((t) =>
      Object.values(getTableColumns(t))
        .filter((c) => ['json', 'jsonb'].includes(c.getSQLType()))
        .map((c) => `${getTableName(t)}.${c.name}`),
    );
    expect(jsonColumns.filter((c) => !boxes.has(c) && !(c in PLAIN_JSON))).toEqual([]);
    expect(Object.keys(PLAIN_JSON).filter((c) => !jsonColumns.includes(c))).toEqual([]);
    expect([...boxes].filter((b) => !jsonColumns.includes(b))).toEqual([]);
  });

  it('each store has a primary key to walk and belongs to an exported table', () => {
    for (const s of SEALED_STORES) {
      expect(tables, s.name).toContain(s.table);
      expect(s.key.primary, s.name).toBe(true);
    }
  });
});
