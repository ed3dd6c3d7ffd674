/**
 * Replays the generator's command log through the real use cases (recordVisit, createPetition, classifyCase,
 * transitionCase, createReceptionSession, close/cancelReceptionSession), in time order, with the injected clock set
 * to each command's instant: every change gets its own audit row. Used by `--exact` and by the test that checks
 * the in-memory use cases (use-cases.ts) write exactly the same rows.
 */
import { eq } from 'drizzle-orm';
import type { Role } from '@danvan/domain/roles';
import type { AppContext } from '../../context.ts';
import { agencies, users } from '../../db/schema.ts';
import type { CurrentUser } from '../../modules/auth/current-user.ts';
import { recordVisit } from '../../modules/reception/record-visit.ts';
import { createPetition } from '../../modules/petitions/create-petition.ts';
import { classifyCase } from '../../modules/cases/classify-case.ts';
import { transitionCase } from '../../modules/cases/transition-case.ts';
import { createReceptionSession } from '../../modules/reception/create-reception-session.ts';
import { cancelReceptionSession, closeReceptionSession } from '../../modules/reception/close-reception-session.ts';
import type { Command } from './simulate.ts';
import { GENERATOR_ROLES } from './use-cases.ts';

export const GENERATOR_ACCOUNT = 'seed.national';

export async function replayCommands(base: AppContext, commands: Command[], opts: { onProgress?: (done: number, total: number) => void } = {}): Promise<void> {
  const [account] = await base.db.select().from(users).where(eq(users.username, GENERATOR_ACCOUNT));
  const [root] = await base.db.select().from(agencies).where(eq(agencies.level, 'national'));
  if (!account || !root) throw new Error('replay needs the generator account and the national root');
  // The generator stands for the desk and case staff of every agency: all their roles on the whole tree.
  const user: CurrentUser = {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    grants: [...GENERATOR_ROLES].map((role: Role) => ({ role, agencyId: root.id, agencyCode: root.code, agencyName: root.fullName, agencyPath: root.path })),
  };
  let now = new Date(0);
  const ctx: AppContext = { db: base.db, sealer: base.sealer, personHasher: base.personHasher, now: () => now };
  const ids = new Map<string, string>();
  const real = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const r = ids.get(id);
    if (!r) throw new Error(`replay: unknown id ${id}`);
    return r;
  };
  const sorted = [...commands].sort((a, b) => a.at - b.at || a.seq - b.seq);
  let done = 0;
  for (const c of sorted) {
    now = new Date(c.at);
    switch (c.op) {
      case 'session': {
        const r = await createReceptionSession(ctx, user, c.input);
        ids.set(c.sessionId, r.session.id);
        break;
      }
      case 'end-session':
        if (c.to === 'closed') await closeReceptionSession(ctx, user, real(c.sessionId)!, {});
        else await cancelReceptionSession(ctx, user, real(c.sessionId)!, {});
        break;
      case 'visit': {
        const r = await recordVisit(ctx, user, { ...c.input, sessionId: real(c.input.sessionId), caseId: real(c.input.caseId) });
        ids.set(c.visitId, r.visit.id);
        if (c.openedCaseId && r.case) ids.set(c.openedCaseId, r.case.id);
        break;
      }
      case 'petition': {
        const r = await createPetition(ctx, user, { ...c.input, caseId: real(c.input.caseId) });
        ids.set(c.petitionId, r.petition.id);
        if (c.openedCaseId) ids.set(c.openedCaseId, r.case.id);
        break;
      }
      case 'classify':
        await classifyCase(ctx, user, real(c.caseId)!, { field: c.field });
        break;
      case 'transition': {
        const r = await transitionCase(ctx, user, real(c.caseId)!, c.input);
        if (c.createdCaseId && r.createdCase) ids.set(c.createdCaseId, r.createdCase.id);
        break;
      }
    }
    opts.onProgress?.(++done, sorted.length);
  }
}
