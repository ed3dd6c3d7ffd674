/**
 * Demo data for grassroots democracy (`danvan serve --demo`), written through the same use cases as real work, in
 * Phường Ba Đình (00004): three tổ dân phố with their household registers (imported from an Excel file built
 * here; representatives sealed), a contribution decided at a meeting (Mẫu 01 notice, counting board), a village
 * head elected and sent for recognition, an item-6 matter open for household ballots (with its plan), a citizens'
 * initiative, an unanswered recommendation of the people's inspection board (overdue), two publications and the
 * year-end conference of one tổ dân phố.
 */
import { addDays } from '@danvan/domain/clock/dates';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { buildHouseholdWorkbook, type HouseholdSheetRow } from './households-xlsx.ts';
import { importHouseholds } from './import-households.ts';
import { closeVote, createCommunityMatter, openVote } from './matters.ts';
import { recordBallots, recordMeetingResult } from './ledger.ts';
import { sendCommunityDecision } from './decisions.ts';
import { createInitiative, signInitiative } from './initiatives.ts';
import { createBoardRecommendation } from './boards.ts';
import { publishMeetingNotice } from './procedure.ts';
import { recordPublication, scheduleConference } from './duties.ts';
import { communityByCode } from './queries.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Cường', 'Thu Dung', 'Quang Em', 'Thị Giang', 'Đức Hải', 'Ngọc Lan', 'Văn Lực', 'Thị Mai', 'Hữu Nghĩa', 'Thanh Phương'];
const code = (i: number) => `H${String(i).padStart(3, '0')}`;
const codes = (from: number, n: number) => Array.from({ length: n }, (_, i) => code(from + i));

function rows(communityCode: string, name: string, households: number, seed: number): HouseholdSheetRow[] {
  return Array.from({ length: households }, (_, j) => {
    const i = j + 1;
    return {
      communityCode,
      communityName: j === 0 ? name : '',
      communityKind: 'Tổ dân phố',
      householdCode: code(i),
      name: `${FAMILY[(i + seed) % 10]} ${GIVEN[(i * 7 + seed) % 12]}`,
      idNumber: `0010${String(seed * 10000 + i).padStart(8, '0')}`,
      phone: `09${String(seed * 10000 + i).padStart(8, '0')}`,
      address: `Số ${i}, ${name}, Phường Ba Đình, Hà Nội`,
      members: String(1 + (i % 6)),
    };
  });
}

const TEAM = [{ name: 'Đặng Thị Thu (Trưởng ban công tác Mặt trận)', leader: true }, { name: 'Nguyễn Văn Sơn' }, { name: 'Lê Thị Hằng' }];

export async function seedGrassrootsDemo(ctx: AppContext, handler: CurrentUser, head: CurrentUser): Promise<void> {
  const commune = await agencyByCode(ctx.db, '00004');
  if (!commune) return;
  const today = isoDateInVietnam(ctx.now());
  const year = Number(today.slice(0, 4));
  const file = await buildHouseholdWorkbook([...rows('TDP01', 'Tổ dân phố số 1', 30, 11), ...rows('TDP02', 'Tổ dân phố số 2', 20, 12), ...rows('TDP03', 'Tổ dân phố số 3', 15, 13)]);
  await importHouseholds(ctx, handler, commune, file);
  const village = { agency: '00004', proposedBy: 'village-head' as const, frontAgreed: true };

  // Item 1 at a meeting of TDP01: 21 of 30 households agree (≥ 2/3 of all = 20) → passes; to be sent to the ward.
  const lights = await createCommunityMatter(ctx, handler, commune, { ...village, community: 'TDP01', item: 1, title: 'Đóng góp lắp đèn chiếu sáng ngõ 19 Kim Mã', content: 'Mỗi hộ đóng góp 300.000 đồng để lắp 24 bóng đèn LED chiếu sáng ngõ; phường hỗ trợ phần còn lại.' });
  const lightsOpen = (await openVote(ctx, handler, lights, { forms: ['meeting'] })).matter;
  await publishMeetingNotice(ctx, handler, lights, { noticeOn: addDays(today, -3), meetingOn: today, place: 'Nhà văn hóa tổ dân phố số 1', documentsOn: addDays(today, -3) });
  await recordMeetingResult(ctx, handler, lightsOpen, { heldOn: today, secret: true, attendance: codes(1, 24), agree: 21, disagree: 2, other: 1, witnesses: [code(1), code(2)], countingBoard: ['Nguyễn Văn Kiểm', 'Trần Thị Phiếu', 'Lê Văn Đếm'], procedural: [{ subject: 'Bầu thư ký hội nghị', agree: 22 }] });
  await closeVote(ctx, handler, lightsOpen, {});

  // Item 4 in TDP03: a new head elected at a meeting, the decision sent for recognition.
  const head3 = await createCommunityMatter(ctx, handler, commune, { ...village, community: 'TDP03', item: 4, title: `Bầu Tổ trưởng tổ dân phố số 3 nhiệm kỳ ${year}–${year + 2}`, content: 'Bầu ông Bùi Văn Thắng làm Tổ trưởng tổ dân phố số 3.' });
  const voting3 = (await openVote(ctx, handler, head3, { forms: ['meeting'] })).matter;
  await publishMeetingNotice(ctx, handler, head3, { noticeOn: addDays(today, -7), meetingOn: today, place: 'Sân nhà văn hóa tổ dân phố số 3' });
  await recordMeetingResult(ctx, handler, voting3, { heldOn: today, secret: true, attendance: codes(1, 12), agree: 10, disagree: 1, other: 1, witnesses: [code(3), code(4)], countingBoard: ['Hồ Văn Tâm', 'Vũ Thị Hạnh', 'Phạm Quốc Bảo'] });
  const closed3 = await closeVote(ctx, handler, voting3, {});
  await sendCommunityDecision(ctx, handler, closed3.matter, { sentOn: today, signatories: { villageHead: 'Bùi Văn Thắng', frontHead: 'Đặng Thị Thu', households: [code(3), code(4)] } });

  // Item 6 in TDP02: household ballots with their plan, a few returned.
  const hours = await createCommunityMatter(ctx, handler, commune, { ...village, community: 'TDP02', item: 6, title: 'Giờ đóng cổng ngõ 5 Đội Cấn ban đêm', content: 'Đóng cổng ngõ từ 23 giờ đến 5 giờ sáng hằng ngày; các hộ giữ chìa khóa.' });
  const hoursOpen = (await openVote(ctx, handler, hours, { forms: ['paper'], closesOn: addDays(today, 7), ballotPlan: { decidedOn: addDays(today, -3), planSentOn: addDays(today, -2), noticeOn: addDays(today, -2), distributeOn: today, returnBy: addDays(today, 7), team: TEAM } })).matter;
  await recordBallots(ctx, handler, hoursOpen, { ballots: codes(1, 12).map((h, i) => ({ household: h, choice: i < 10 ? 'agree' : 'disagree' })) });

  // A citizens' initiative in TDP01 (5 of 30 households ≥ 10%), an overdue recommendation, publications, a conference.
  const tdp1 = await communityByCode(ctx.db, commune.id, 'TDP01');
  if (tdp1) {
    const ini = await createInitiative(ctx, handler, tdp1, { item: 6, title: 'Sân chơi cho trẻ em ở khu đất trống đầu ngõ', content: 'Đề nghị cộng đồng quyết định làm sân chơi bằng nguồn xã hội hóa.', initiatorHousehold: code(7) });
    await signInitiative(ctx, handler, ini, { households: codes(7, 5), signedOn: addDays(today, -10) });
    await scheduleConference(ctx, handler, tdp1, { year, noticeOn: `${year}-12-01`, heldOn: `${year}-12-10`, place: 'Nhà văn hóa tổ dân phố số 1' });
  }
  await createBoardRecommendation(ctx, head, commune, { board: 'inspection', content: 'Đề nghị UBND phường công khai chi tiết khoản chi sửa chữa nhà văn hóa tổ dân phố số 2.', receivedOn: addDays(today, -20) });
  await recordPublication(ctx, handler, commune, { item: 3, title: `Dự toán ngân sách phường năm ${year}`, decidedOn: addDays(today, -40), postedOn: addDays(today, -37), postedUntil: addDays(today, -8), channels: ['office', 'portal'] });
  await recordPublication(ctx, handler, commune, { item: 8, title: `Danh sách hộ nghèo, cận nghèo năm ${year}`, decidedOn: addDays(today, -12), postedOn: addDays(today, -10), loudspeakerFrom: addDays(today, -10), loudspeakerTo: addDays(today, -8), channels: ['office', 'loudspeaker'] });
}
