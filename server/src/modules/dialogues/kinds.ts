/**
 * The dialogue kinds in force: the defaults of domain/dialogues/kinds.ts, or the copy a national administrator
 * edited (app_settings 'dialogue.kinds', audited). Every number keeps its citation and mark ([V], [V*], [R]).
 */
import { checkDialogueKinds, DEFAULT_DIALOGUE_KINDS, withRequestDefaults, type DialogueKind } from '@danvan/domain/dialogues/kinds';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appSettings } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { saveSetting } from '../settings/settings.ts';

export const DIALOGUE_KINDS_SETTING = 'dialogue.kinds';

export async function loadDialogueKinds(db: DbOrTx): Promise<DialogueKind[]> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, DIALOGUE_KINDS_SETTING));
  return withRequestDefaults((row?.value as DialogueKind[] | undefined) ?? DEFAULT_DIALOGUE_KINDS);
}

export async function dialogueKind(db: DbOrTx, key: string, field = 'kind'): Promise<DialogueKind> {
  const kind = (await loadDialogueKinds(db)).find((k) => k.key === key);
  if (!kind) throw invalid({ field, key: 'field.dialogueKind', params: { value: key } });
  return kind;
}

/** updateDialogueKinds: national admin only (saveSetting checks the admin role at VN). */
export async function saveDialogueKinds(ctx: AppContext, user: CurrentUser, kinds: DialogueKind[]) {
  const problems = checkDialogueKinds(kinds);
  if (problems.length) throw invalid(...problems.map((p) => ({ field: `kinds.${p.index}.${p.field}`, key: 'field.dialogueKinds' as const, params: { index: p.index + 1, field: p.field } })));
  await saveSetting(ctx, user, DIALOGUE_KINDS_SETTING, withRequestDefaults(kinds), `Cập nhật danh mục loại đối thoại (${kinds.length} loại)`);
  return loadDialogueKinds(ctx.db);
}
