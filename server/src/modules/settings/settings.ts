/**
 * Admin-editable lists: the fields (lĩnh vực) cases are classified in and the keyword rules that suggest a kind
 * and field. Defaults live in domain/classification.ts; an edited copy is stored in `app_settings`. Reads are
 * cached per database handle for a minute and dropped when this process writes.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_FIELDS, DEFAULT_KEYWORD_RULES, type FieldOption, type KeywordRule } from '@danvan/domain/classification';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appSettings } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayEditSettings } from './policy.ts';

export const SETTING_KEYS = { fields: 'case.fields', rules: 'classification.rules' } as const;

const cache = new WeakMap<object, Map<string, { value: unknown; at: number }>>();

async function read<T>(db: DbOrTx, key: string, fallback: T): Promise<T> {
  const hit = cache.get(db)?.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.value as T;
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  const value = (row?.value as T | undefined) ?? fallback;
  if (!cache.has(db)) cache.set(db, new Map());
  cache.get(db)!.set(key, { value, at: Date.now() });
  return value;
}

export const caseFields = (db: DbOrTx) => read<FieldOption[]>(db, SETTING_KEYS.fields, [...DEFAULT_FIELDS]);
export const keywordRules = (db: DbOrTx) => read<KeywordRule[]>(db, SETTING_KEYS.rules, [...DEFAULT_KEYWORD_RULES]);

export function checkFields(fields: FieldOption[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (!/^[a-z0-9-]{2,40}$/.test(f.value)) issues.push({ field: `fields.${i}.value`, key: 'field.pattern' });
    if (!f.label.trim()) issues.push({ field: `fields.${i}.label`, key: 'field.required' });
    if (seen.has(f.value)) issues.push({ field: `fields.${i}.value`, key: 'field.duplicate' });
    seen.add(f.value);
  });
  if (!fields.length) issues.push({ field: 'fields', key: 'field.required' });
  return issues;
}

export function checkRules(rules: KeywordRule[], fields: FieldOption[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const targets = new Set(['kind:complaint', 'kind:denunciation', 'kind:feedback', ...fields.map((f) => `field:${f.value}`)]);
  rules.forEach((r, i) => {
    if (!targets.has(r.target)) issues.push({ field: `rules.${i}.target`, key: 'field.enum', params: { values: [...targets].join(', ') } });
    if (!r.keywords.length || r.keywords.some((k) => !k.trim())) issues.push({ field: `rules.${i}.keywords`, key: 'field.required' });
  });
  return issues;
}

export async function saveSetting(ctx: AppContext, user: CurrentUser, key: string, value: unknown, summary: string) {
  if (!mayEditSettings(user)) throw new AppError(403, 'error.forbidden');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(appSettings).where(eq(appSettings.key, key));
    await tx
      .insert(appSettings)
      .values({ key, value, updatedBy: user.id, updatedAt: now })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy: user.id, updatedAt: now } });
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: null,
      entity: 'setting',
      entityId: key,
      action: 'setting.update',
      summary,
      before: before ? { value: before.value } : null,
      after: { value },
    });
  });
  cache.get(ctx.db)?.delete(key);
}

export function assertValid(issues: FieldIssue[]) {
  if (issues.length) throw invalid(...issues);
}
