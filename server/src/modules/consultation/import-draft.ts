/**
 * importDraft: a new version of the draft, from a .docx (its text through mammoth) or plain text, split into
 * sections (domain/consultation/draft.ts). Against the current version:
 *  - a section with the same id and the same text keeps its row — and so every opinion on it;
 *  - an edited or removed section is closed (`lastVersion`), its opinions stay with the text they were given on;
 *  - the whole draft ("Toàn văn") always keeps its row: opinions on the whole text carry over.
 * Refused once the consultation has closed.
 */
import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { and, eq, isNull } from 'drizzle-orm';
import { draftOutline, parseDraft, WHOLE_DRAFT_KEY, type DraftSection } from '@danvan/domain/consultation/draft';
import { cleanText } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationSections, consultationVersions, consultations } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayRun, requireRole } from './policy.ts';
import { phaseOf, visibleConsultation } from './queries.ts';

export interface ImportDraftInput {
  format: 'docx' | 'text';
  fileName?: string;
  /** The .docx file, base64. */
  dataBase64?: string;
  /** The plain text (format "text"). */
  text?: string;
  note?: string;
}

export interface ImportResult {
  version: number;
  sections: number;
  articles: number;
  clauses: number;
  chapters: number;
  kept: number;
  changed: number;
  added: number;
  removed: number;
}

/** The plain text of a .docx, one paragraph per line. */
export async function docxText(data: Buffer): Promise<string> {
  try {
    const r = await mammoth.extractRawText({ buffer: data });
    return r.value;
  } catch {
    throw new AppError(400, 'error.draftUnreadable');
  }
}

export const sectionHash = (s: DraftSection) => createHash('sha256').update(`${s.key}\n${s.fullText}`).digest('hex');

export async function importDraft(ctx: AppContext, user: CurrentUser, id: string, input: ImportDraftInput): Promise<ImportResult> {
  const now = ctx.now();
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  if (phaseOf(c, now) === 'closed') throw new AppError(409, 'error.consultationState', { state: 'đã kết thúc' });
  let raw: string;
  if (input.format === 'docx') {
    if (!input.dataBase64) throw new AppError(400, 'error.validation', {}, [{ field: 'dataBase64', key: 'field.required' }]);
    raw = await docxText(Buffer.from(input.dataBase64, 'base64'));
  } else {
    if (!input.text) throw new AppError(400, 'error.validation', {}, [{ field: 'text', key: 'field.required' }]);
    raw = input.text;
  }
  const parsed = parseDraft(raw);
  const outline = draftOutline(parsed);
  if (outline.articles === 0) throw new AppError(400, 'error.draftEmpty');

  return ctx.db.transaction(async (tx) => {
    // Serialise imports of one consultation: the version number is read and written here.
    const [locked] = await tx.select().from(consultations).where(eq(consultations.id, c.id)).for('update');
    const version = (locked?.currentVersion ?? 0) + 1;
    const current = await tx
      .select()
      .from(consultationSections)
      .where(and(eq(consultationSections.consultationId, c.id), isNull(consultationSections.lastVersion)));
    const byKey = new Map(current.map((s) => [s.key, s]));
    const keep = new Set<string>();
    let kept = 0;
    let changed = 0;
    let added = 0;
    const inserts: (typeof consultationSections.$inferInsert)[] = [];
    for (const s of parsed) {
      const hash = sectionHash(s);
      const old = byKey.get(s.key);
      if (old && (old.contentHash === hash || s.key === WHOLE_DRAFT_KEY)) {
        keep.add(old.id);
        kept += s.key === WHOLE_DRAFT_KEY ? 0 : 1;
        await tx
          .update(consultationSections)
          .set({ ord: s.ord, heading: s.heading, body: s.body, contentHash: hash, parentKey: s.parentKey })
          .where(eq(consultationSections.id, old.id));
        continue;
      }
      if (old) changed++;
      else if (s.key !== WHOLE_DRAFT_KEY) added++;
      inserts.push({ consultationId: c.id, key: s.key, kind: s.kind, parentKey: s.parentKey, ord: s.ord, heading: s.heading, body: s.body, contentHash: hash, firstVersion: version });
    }
    const closing = current.filter((s) => !keep.has(s.id));
    const removed = closing.length - changed;
    for (const s of closing) await tx.update(consultationSections).set({ lastVersion: version - 1 }).where(eq(consultationSections.id, s.id));
    for (let i = 0; i < inserts.length; i += 500) await tx.insert(consultationSections).values(inserts.slice(i, i + 500));
    const fileName = input.fileName ? cleanText(input.fileName) || null : null;
    await tx.insert(consultationVersions).values({
      consultationId: c.id,
      version,
      source: input.format,
      fileName,
      note: input.note ? cleanText(input.note) || null : null,
      sections: parsed.length,
      articles: outline.articles,
      importedBy: user.id,
      importedAt: now,
    });
    await tx.update(consultations).set({ currentVersion: version }).where(eq(consultations.id, c.id));
    const result: ImportResult = { version, sections: parsed.length, ...outline, kept, changed, added, removed };
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.import-draft',
      summary: `Nhập dự thảo phiên bản ${version} (${outline.chapters} chương, ${outline.articles} điều, ${outline.clauses} khoản)${version > 1 ? `: giữ ${kept}, sửa ${changed}, thêm ${added}, bỏ ${removed}` : ''}`,
      after: { ...result, fileName },
    });
    return result;
  });
}
