/**
 * Fixture for the ingest kill -9 test and the consultation bench (issue 21): on a database that a `danvan serve`
 * will then open, an open consultation of `sections` articles owned by Phường Ba Đình, and `persons` one-time codes
 * already verified-ready (the codes the citizens would read from their phones), stored exactly as otpIdentity stores
 * them — keyed hashes under the person key given (the server gets the same DANVAN_PERSON_KEY). Then every portal
 * submission can go straight to POST /public/consultations/:id/opinions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { buildApp } from '../app.ts';
import type { AppContext } from '../context.ts';
import { openDatabase, type OpenOptions } from '../db/client.ts';
import { consultationCodes } from '../db/schema.ts';
import { isoDateInVietnam } from '@danvan/domain/text';
import { seedAgencies } from '../modules/agencies/seed-agencies.ts';
import { addUser } from '../modules/auth/add-user.ts';
import { createPersonHasher, parsePersonKey } from '../security/person-hash.ts';
import { createSealer } from '../security/sealer.ts';

export interface IngestFixture {
  consultationId: string;
  sections: string[];
  codes: { requestId: string; code: string }[];
}

export async function prepareIngest(open: OpenOptions, personKey: string, opts: { sections: number; persons: number }): Promise<IngestFixture> {
  const database = await openDatabase(open);
  try {
    await database.migrate();
    await seedAgencies(database.db);
    const hasher = createPersonHasher(parsePersonKey(personKey));
    const ctx: AppContext = { db: database.db, now: () => new Date(), sealer: createSealer([{ id: 'fixture', key: randomBytes(32) }]), personHasher: hasher };
    const app = await buildApp({ ctx, logger: false, loginRateLimit: 1000 });
    await app.ready();
    try {
      const username = `ingest.${randomBytes(3).toString('hex')}`;
      const password = 'Ingest@12345';
      await addUser(database.db, { username, password, role: 'head', agencyCode: '00004', displayName: 'Ingest fixture' }, new Date());
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      const token = (login.json() as { token: string }).token;
      const call = async (method: 'POST', url: string, body: unknown) => {
        const r = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload: body as object });
        if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
        return r.json() as { id: string };
      };
      const closes = isoDateInVietnam(new Date(Date.now() + 40 * 86_400_000));
      const c = await call('POST', '/api/v1/consultations', { agency: '00004', title: 'Dự thảo thử tải (issue 21)', kind: 'commune', subject: 'quy-che-dan-chu', audience: 'Nhân dân', closesOn: closes });
      const sections = Array.from({ length: opts.sections }, (_, i) => `Điều ${i + 1}`);
      const text = ['DỰ THẢO', ...sections.flatMap((s, i) => [`${s}. Quy định thứ ${i + 1}`, `Nội dung của điều ${i + 1}.`])].join('\n');
      await call('POST', `/api/v1/consultations/${c.id}/drafts`, { format: 'text', text });
      await call('POST', `/api/v1/consultations/${c.id}/publish`, {});
      const now = new Date();
      const expiresAt = new Date(now.getTime() + 6 * 3600_000);
      const codes: { requestId: string; code: string }[] = [];
      const rows: (typeof consultationCodes.$inferInsert)[] = [];
      for (let i = 0; i < opts.persons; i++) {
        const requestId = randomUUID();
        const code = String(100000 + (i % 900000));
        const phone = `+849${String(10_000_000 + i).padStart(8, '0')}`;
        rows.push({ id: requestId, consultationId: c.id, method: 'otp-sms', personKey: hasher.hashIdentifier('phone', phone), codeHash: hasher.hashIdentifier('otp', `${requestId}:${code}`), hint: '+84•••', expiresAt, createdAt: now });
        codes.push({ requestId, code });
      }
      for (let i = 0; i < rows.length; i += 1000) await database.db.insert(consultationCodes).values(rows.slice(i, i + 1000));
      return { consultationId: c.id, sections, codes };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** One portal submission body: the person's code, a stance on every section (a text where required). */
export function submissionBody(f: IngestFixture, person: number, sectionsPerRequest = f.sections.length) {
  const stances = ['approve', 'disapprove', 'partly'] as const;
  return {
    ...f.codes[person]!,
    opinions: f.sections.slice(0, sectionsPerRequest).map((section, j) => {
      const stance = stances[(person + j) % 3]!;
      return stance === 'approve' ? { section, stance } : { section, stance, text: `Ý kiến ${person}-${j}` };
    }),
    respondent: { category: 'citizen', province: '01', commune: '00004' },
  };
}
