/**
 * Demo accounts and records for `danvan serve --demo`: staff of Phường Ba Đình (00004), Phường Ngọc Hà
 * (00008) and Hà Nội (01), and a few cases in every state, written through the same use cases as real work.
 * Idempotent: nothing happens when the demo admin already exists.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { users } from '../../db/schema.ts';
import { addUser } from '../../modules/auth/add-user.ts';
import { loadUser } from '../../modules/auth/current-user.ts';
import { recordVisit } from '../../modules/reception/record-visit.ts';
import { createPetition } from '../../modules/petitions/create-petition.ts';
import { transitionCase } from '../../modules/cases/transition-case.ts';
import { createReceptionSession } from '../../modules/reception/create-reception-session.ts';
import { closeReceptionSession } from '../../modules/reception/close-reception-session.ts';
import { bookReception } from '../../modules/reception/book-reception.ts';
import { addDays, weekday } from '@danvan/domain/clock/dates';
import { isoDateInVietnam } from '@danvan/domain/text';
import { seedGrassrootsDemo } from '../../modules/grassroots/demo.ts';

export const DEMO_PASSWORD = 'DanVan@2026';

export const DEMO_USERS = [
  { username: 'letan', role: 'receptionist', agencyCode: '00004', displayName: 'Nguyễn Thị Lan (tiếp công dân, P. Ba Đình)' },
  { username: 'xuly', role: 'handler', agencyCode: '00004', displayName: 'Trần Văn Hùng (xử lý đơn, P. Ba Đình)' },
  { username: 'xacminh', role: 'investigator', agencyCode: '00004', displayName: 'Phạm Minh Tuấn (xác minh, P. Ba Đình)' },
  { username: 'lanhdao', role: 'head', agencyCode: '00004', displayName: 'Lê Quang Minh (Chủ tịch UBND P. Ba Đình)' },
  { username: 'letan.ngocha', role: 'receptionist', agencyCode: '00008', displayName: 'Đỗ Thu Hà (tiếp công dân, P. Ngọc Hà)' },
  { username: 'tinh.xuly', role: 'handler', agencyCode: '01', displayName: 'Vũ Thị Mai (xử lý đơn, TP Hà Nội)' },
  { username: 'tinh.lanhdao', role: 'head', agencyCode: '01', displayName: 'Hoàng Văn Nam (Chủ tịch UBND TP Hà Nội)' },
  { username: 'thanhtra', role: 'inspector', agencyCode: '01', displayName: 'Bùi Đức Thắng (Thanh tra TP Hà Nội)' },
  { username: 'giamsat', role: 'monitor', agencyCode: '01', displayName: 'Ngô Thị Hạnh (Ban Dân vận Thành ủy Hà Nội)' },
  { username: 'admin', role: 'admin', agencyCode: 'VN', displayName: 'Quản trị hệ thống' },
] as const;

/** Acceptance is the head's decision: the handler records the number and signer of the decision (Luật Tố cáo Art. 29(1)). */
const HEAD_SIGNED = { decisionNo: '12/QĐ-UBND', signer: 'Chủ tịch UBND phường' };

export async function seedDemo(ctx: AppContext): Promise<boolean> {
  const [exists] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (exists) return false;
  const now = ctx.now();
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const created = await addUser(ctx.db, { ...u, password: DEMO_PASSWORD }, now);
    ids[u.username] = created.id;
  }
  const as = async (username: string) => {
    const u = await loadUser(ctx.db, ids[username]!);
    if (!u) throw new Error(`demo user ${username} missing`);
    return u;
  };
  const letan = await as('letan');
  const xuly = await as('xuly');
  const lanhdao = await as('lanhdao');
  const letanNgocHa = await as('letan.ngocha');
  const year = Number(now.toISOString().slice(0, 4));
  const d = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

  // A complaint carried through to a decision, a denunciation under verification, feedback just received.
  const c1 = await recordVisit(ctx, letan, {
    agency: '00004',
    visitedOn: d(3, 2),
    citizen: { name: 'Phạm Văn Đức', idNumber: '001078004512', address: 'Số 8 ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội', phone: '0913456789' },
    content: 'Khiếu nại Quyết định số 45/QĐ-UBND về việc thu hồi 30 m² đất để mở rộng ngõ 19 Kim Mã, cho rằng mức bồi thường thấp hơn giá thị trường.',
    type: 'complaint',
  });
  await transitionCase(ctx, xuly, c1.case.id, { action: 'accept', on: d(3, 6), ...HEAD_SIGNED });
  await transitionCase(ctx, lanhdao, c1.case.id, { action: 'decide', outcome: 'partly-right', on: d(3, 30) });
  await recordVisit(ctx, letan, {
    agency: '00004',
    visitedOn: d(3, 20),
    citizen: { name: 'Phạm Văn Đức', idNumber: '001078004512', address: 'Số 8 ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội', phone: '0913456789' },
    content: 'Hỏi tiến độ giải quyết khiếu nại về bồi thường thu hồi đất ngõ 19 Kim Mã.',
    type: 'complaint',
    caseId: c1.case.id,
  });
  const c2 = await recordVisit(ctx, letan, {
    agency: '00004',
    visitedOn: d(4, 14),
    citizen: { name: 'Hoàng Thị Thu', idNumber: '001190023456', address: 'Số 3 phố Đội Cấn, Phường Ba Đình, Hà Nội' },
    content: 'Tố cáo cán bộ địa chính phường nhận tiền để xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất trái quy định.',
    type: 'denunciation',
  });
  await transitionCase(ctx, xuly, c2.case.id, { action: 'accept', on: d(4, 21), ...HEAD_SIGNED });
  await recordVisit(ctx, letan, {
    agency: '00004',
    visitedOn: d(5, 5),
    citizen: { name: 'Đại diện tổ dân phố số 7', idNumber: '001065009876', address: 'Tổ dân phố số 7, Phường Ba Đình, Hà Nội' },
    content: 'Kiến nghị sửa chữa hệ thống thoát nước ngõ 5 Đội Cấn, ngập mỗi khi mưa lớn.',
    type: 'feedback',
    peopleCount: 6,
  });
  const c4 = await createPetition(ctx, xuly, {
    agency: '00004',
    channel: 'post',
    receivedOn: d(5, 12),
    type: 'complaint',
    content: 'Khiếu nại việc UBND phường không cấp giấy phép sửa chữa nhà ở số 21 Liễu Giai.',
    petitioner: { name: 'Trịnh Văn Long', idNumber: '001072001234', address: 'Số 21 Liễu Giai, Phường Ba Đình, Hà Nội', phone: '0983111222' },
  });
  await transitionCase(ctx, xuly, c4.case.id, { action: 'accept', on: d(5, 19), ...HEAD_SIGNED });
  const c5 = await recordVisit(ctx, letanNgocHa, {
    agency: '00008',
    visitedOn: d(4, 2),
    citizen: { name: 'Lý Thị Hoa', idNumber: '001185007788', address: 'Số 40 Hoàng Hoa Thám, Phường Ngọc Hà, Hà Nội' },
    content: 'Khiếu nại việc xử phạt vi phạm hành chính về trật tự xây dựng.',
    type: 'complaint',
  });
  await transitionCase(ctx, await as('tinh.xuly'), c5.case.id, { action: 'accept', on: d(4, 9), ...HEAD_SIGNED });

  // Reception: the chairman's weekly reception day (Luật TCD Art. 15) held on the Thursdays of the last four
  // weeks except one (so the compliance view has something to flag), and next Thursday with a booking. Today's
  // desk is left for the clerk to open.
  const today = isoDateInVietnam(now);
  let thursday = today;
  while (weekday(thursday) !== 4) thursday = addDays(thursday, -1);
  for (let w = 1; w <= 4; w++) {
    const day = addDays(thursday, -7 * w);
    const { session } = await createReceptionSession(ctx, letan, { agency: '00004', kind: 'head', heldOn: day, host: { userId: ids['lanhdao'] }, location: 'Phòng tiếp công dân UBND phường' });
    if (w !== 2) await closeReceptionSession(ctx, letan, session.id, { summary: 'Chủ tịch UBND phường tiếp công dân định kỳ' });
  }
  const { session: next } = await createReceptionSession(ctx, letan, { agency: '00004', kind: 'head', heldOn: addDays(thursday, 7), host: { userId: ids['lanhdao'] }, location: 'Phòng tiếp công dân UBND phường', capacity: 20 });
  await bookReception(ctx, { sessionId: next.id, name: 'Vũ Văn Khánh', phone: '0904123456', content: 'Hỏi về hồ sơ cấp giấy chứng nhận quyền sử dụng đất' });
  await seedGrassrootsDemo(ctx, xuly, lanhdao);
  return true;
}
