/** TypeBox schemas of the reception API (requests and responses), shared by its route files. */
import { Type, type TSchema } from 'typebox';
import { SESSION_KINDS } from '@danvan/domain/reception/sessions';
import { ID_TYPES, NOTICE_OUTCOMES, REFUSAL_GROUND_CODES, VISIT_OUTCOMES } from '@danvan/domain/reception/visits';
import { IsoDate } from '../shared-schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const NStr = () => Nullable(Type.String());

export const IdType = Type.Enum([...ID_TYPES], { description: 'personal-id = số định danh cá nhân/CCCD (12 chữ số, mặc định); passport = hộ chiếu' });

const personProps = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Nguyễn Văn An'] }),
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân / CCCD (12 chữ số) hoặc số hộ chiếu (với idType = passport)', examples: ['001085012345'] }),
  idType: Type.Optional(IdType),
  address: Type.String({ minLength: 1, maxLength: 500, examples: ['Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội'] }),
};
export const Person = Type.Object(personProps);
export const Citizen = Type.Object({ ...personProps, phone: Type.Optional(Type.String({ maxLength: 20, examples: ['0912345678'] })) });

export const VisitOutcome = Type.Enum([...VISIT_OUTCOMES], {
  description: 'petition-received = tiếp nhận đơn (mở hoặc gắn vụ việc); guided = hướng dẫn; forwarded = chuyển đơn; refused = từ chối tiếp',
});
export const RefusalGround = Type.Enum([...REFUSAL_GROUND_CODES], { description: 'Căn cứ từ chối tiếp: Điều 9 Luật Tiếp công dân 2013; khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP (xem GET /reception/reference)' });
export const SessionKind = Type.Enum([...SESSION_KINDS], { description: 'regular = thường xuyên; head = thủ trưởng tiếp định kỳ; unscheduled = đột xuất; online = trực tuyến' });
export const NoticeOutcome = Type.Enum([...NOTICE_OUTCOMES], { description: 'accepted = thụ lý; extended = gia hạn xem xét; not-accepted = không thụ lý; transferred = chuyển đơn (Điều 28 Luật Tiếp công dân 2013)' });

export const VisitOut = Type.Object({
  id: Type.String(),
  agencyCode: Type.String(),
  visitedOn: Type.String(),
  sessionId: NStr(),
  citizenName: NStr(),
  kind: Type.String(),
  content: Type.String(),
  peopleCount: Type.Integer(),
  isDelegation: Type.Boolean(),
  representativesCount: Nullable(Type.Integer()),
  isRepeat: Type.Boolean({ description: 'Lượt tiếp lại (gắn vào vụ việc đã có)' }),
  caseId: NStr(),
  caseCode: NStr(),
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  withinJurisdiction: Nullable(Type.Boolean()),
  priorAgencies: NStr(),
  guidanceDocNo: NStr(),
  guidedTo: NStr(),
  forwardedTo: NStr(),
  transferDocNo: NStr(),
  refusal: Nullable(Type.Object({ ground: Type.String(), label: Type.String(), citation: Type.String() })),
  resultFollowUp: NStr(),
  notes: NStr(),
  noticeDueOn: Nullable(Type.String({ description: 'Hạn thông báo kết quả xử lý đơn (10 ngày làm việc, Điều 28 Luật Tiếp công dân 2013)' })),
  noticeSentOn: NStr(),
  noticeOutcome: NStr(),
  noticeOutcomeLabel: NStr(),
  source: Type.String({ description: 'desk = ghi tại bàn tiếp; import = nhập từ sổ Excel' }),
});

export const CaseRef = Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), state: Type.String() });

export const VisitBody = Type.Object(
  {
    agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã cơ quan tiếp (mã xã 5 chữ số, mã tỉnh 2 chữ số…)' }),
    visitedOn: Type.Optional(IsoDate('Ngày tiếp (mặc định: ngày của buổi tiếp, hoặc hôm nay giờ Việt Nam)')),
    citizen: Citizen,
    content: Type.String({ minLength: 1, maxLength: 20000 }),
    type: Type.Enum(['complaint', 'denunciation', 'feedback'], { description: 'complaint = khiếu nại, denunciation = tố cáo, feedback = kiến nghị, phản ánh' }),
    peopleCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Số người cùng nội dung (từ 5 người là đoàn đông người)' })),
    caseId: Type.Optional(Type.String({ format: 'uuid', description: 'Gắn vào vụ việc đã có (lượt tiếp lại)' })),
    sessionId: Type.Optional(Type.String({ format: 'uuid', description: 'Buổi tiếp' })),
    bookingId: Type.Optional(Type.String({ format: 'uuid', description: 'Lịch hẹn của công dân (đánh dấu đã đến)' })),
    representatives: Type.Optional(
      Type.Array(Person, { maxItems: 20, description: 'Người đại diện của đoàn đông người: 5–10 người cử 1–2 người; trên 10 người cử tối đa 5 người (Điều 29 Luật Tiếp công dân 2013)' }),
    ),
    priorAgencies: Type.Optional(Type.String({ maxLength: 2000, description: 'Cơ quan đã giải quyết' })),
    outcome: Type.Optional(VisitOutcome),
    guidance: Type.Optional(Type.Object({ documentNo: Type.String({ minLength: 1, maxLength: 100 }), to: Type.Optional(Type.String({ maxLength: 500 })) })),
    transfer: Type.Optional(Type.Object({ agency: Type.String({ minLength: 1, maxLength: 500 }), documentNo: Type.String({ minLength: 1, maxLength: 100 }) })),
    refusal: Type.Optional(Type.Object({ ground: RefusalGround })),
    withinJurisdiction: Type.Optional(Type.Boolean()),
    documents: Type.Optional(
      Type.Array(
        Type.Object({ title: Type.String({ minLength: 1, maxLength: 500 }), pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), original: Type.Optional(Type.Boolean()) }),
        { maxItems: 100, description: 'Tài liệu, bằng chứng nhận của công dân (in trên giấy biên nhận)' },
      ),
    ),
    resultFollowUp: Type.Optional(Type.String({ maxLength: 5000 })),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
    identityProtectionWaived: Type.Optional(Type.Boolean({ description: 'Tố cáo trong buổi tiếp trực tuyến: người tố cáo đồng ý không giữ bí mật danh tính' })),
  },
  {
    examples: [
      {
        agency: '00004',
        citizen: { name: 'Nguyễn Văn An', idNumber: '001085012345', address: 'Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội', phone: '0912345678' },
        content: 'Khiếu nại quyết định thu hồi đất số 123/QĐ-UBND',
        type: 'complaint',
      },
    ],
  },
);

const sessionPersonProps = {
  userId: Type.Optional(Type.String({ format: 'uuid', description: 'Tài khoản có vai trò thủ trưởng tại cơ quan' })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  title: Type.Optional(Type.String({ maxLength: 200, examples: ['Chủ tịch Ủy ban nhân dân phường'] })),
};
const SessionPerson = Type.Object(sessionPersonProps);

export const SessionBody = Type.Object(
  {
    agency: Type.String({ minLength: 1, maxLength: 20 }),
    kind: SessionKind,
    heldOn: Type.Optional(IsoDate('Ngày tiếp (mặc định hôm nay)')),
    startTime: Type.Optional(Type.String({ maxLength: 5, examples: ['08:00'] })),
    endTime: Type.Optional(Type.String({ maxLength: 5, examples: ['11:30'] })),
    location: Type.Optional(Type.String({ maxLength: 500 })),
    host: Type.Optional(SessionPerson),
    delegatedTo: Type.Optional(Type.Object({ ...sessionPersonProps, reason: Type.Optional(Type.String({ maxLength: 1000 })) })),
    noticeOn: Type.Optional(IsoDate('Tiếp trực tuyến: ngày đăng thông báo (mặc định hôm nay; trước ít nhất 5 ngày làm việc)')),
    onlineLink: Type.Optional(Type.String({ maxLength: 1000, description: 'Tiếp trực tuyến: đường dẫn https://' })),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Số lượt đặt lịch tối đa' })),
  },
  {
    examples: [
      { agency: '00004', kind: 'regular' },
      { agency: '00004', kind: 'head', heldOn: '2026-08-05', startTime: '08:00', endTime: '11:30', host: { name: 'Lê Quang Minh', title: 'Chủ tịch UBND phường' }, capacity: 20 },
    ],
  },
);

const Holder = Nullable(Type.Object({ userId: NStr(), name: NStr(), title: NStr() }));

export const SessionOut = Type.Object({
  id: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  heldOn: Type.String(),
  startTime: NStr(),
  endTime: NStr(),
  location: NStr(),
  host: Holder,
  delegatedTo: Nullable(Type.Object({ userId: NStr(), name: NStr(), title: NStr(), reason: NStr() })),
  noticeOn: NStr(),
  onlineLink: NStr(),
  recordingRef: NStr(),
  capacity: Nullable(Type.Integer()),
  status: Type.String(),
  statusLabel: Type.String(),
  summary: NStr(),
  closedAt: NStr(),
  visits: Type.Integer(),
  people: Type.Integer(),
  bookings: Type.Integer(),
});

export const PublicSessionOut = Type.Object({
  id: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  heldOn: Type.String(),
  startTime: NStr(),
  endTime: NStr(),
  location: NStr(),
  hostTitle: NStr(),
  online: Type.Boolean(),
  status: Type.String(),
  capacity: Nullable(Type.Integer()),
  bookable: Type.Boolean(),
});

export const BookingOut = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  code: Type.String(),
  queueNumber: Type.Integer(),
  name: Type.String({ description: 'Họ tên người đặt lịch; «[Đã bảo mật]» khi lịch hẹn gắn với một lượt tiếp tố cáo' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Số điện thoại; null khi danh tính được bảo mật' }),
  identitySealed: Type.Boolean({ description: 'Lịch hẹn gắn với tố cáo: danh tính chỉ mở qua quyết định của thủ trưởng trên vụ việc' }),
  content: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  visitId: NStr(),
  createdAt: Type.String(),
});


const ValueLabel = Type.Object({ value: Type.String(), label: Type.String() });

/** getReceptionReference: the lists the staff app shows (labels with their legal basis). */
export const ReceptionReference = Type.Object({
  sessionKinds: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), citation: Type.String() })),
  visitOutcomes: Type.Array(ValueLabel),
  refusalGrounds: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), citation: Type.String(), writtenNotice: NStr() })),
  idTypes: Type.Array(ValueLabel),
  noticeOutcomes: Type.Array(ValueLabel),
  noticeCitation: Type.String(),
  delegation: Type.Object({
    minPeople: Type.Number(),
    rules: Type.Array(Type.Object({ people: Type.String(), minRepresentatives: Type.Number(), maxRepresentatives: Type.Number() })),
    citation: Type.String(),
  }),
  registerColumns: Type.Array(Type.Object({ key: Type.String(), header: Type.String() })),
  typeCodes: Type.Object({ complaint: Type.String(), denunciation: Type.String(), feedback: Type.String() }),
});
