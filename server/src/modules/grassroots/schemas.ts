/**
 * Response schemas of the grassroots routes: every field the handlers answer today (fast-json-stringify drops what a
 * schema does not declare), read by the staff app through the generated OpenAPI types (web/src/api/types.ts).
 */
import { Type } from 'typebox';
import { CodeName, DateTime, DeadlineBody, List, Nullable } from '../shared-schemas.ts';

const Str = Type.String();
const Num = Type.Number();
const Bool = Type.Boolean();
const NStr = Nullable(Type.String());
const Form = Type.Enum(['meeting', 'paper', 'online']);
const Mark = Type.Enum(['[V]', '[V*]', '[R]'], { description: 'Mức độ xác minh của quy định: [V] đã đối chiếu, [V*] cấu hình (mặc định), [R] cần đối chiếu' });
const ByForm = Type.Object({ meeting: Num, paper: Num, online: Num });

/** A community matter as presentMatter answers it. */
export const MatterOut = Type.Object({
  id: Str,
  item: Num,
  itemLabel: Str,
  threshold: Str,
  allowedForms: List(Form),
  fallbackForms: List(Form),
  citation: Str,
  community: Nullable(CodeName),
  communeWide: Bool,
  title: Str,
  content: Str,
  proposedBy: Str,
  initiativeId: NStr,
  status: Str,
  forms: List(Str),
  openedAt: NStr,
  closesOn: NStr,
  closedOn: NStr,
  passed: Nullable(Bool),
  sendDueOn: NStr,
  sentOn: NStr,
  recognitionDueOn: NStr,
  recognizedOn: NStr,
  refusalReason: NStr,
});

const Team = List(Type.Object({ name: Str, leader: Type.Optional(Bool) }));

/** The notices, plans and meeting procedure of a matter (matterProcedure). */
export const MatterProcedure = Type.Object({
  notices: List(
    Type.Object({ id: Str, community: Str, cluster: NStr, noticeOn: Str, meetingOn: Str, place: Str, documentsOn: NStr, clusterPlanApprovedOn: NStr, scattered: Bool, draftPostedOn: NStr }),
  ),
  plans: List(Type.Object({ form: Str, decidedOn: Str, planSentOn: NStr, planLate: Bool, noticeOn: NStr, startsOn: Str, endsOn: Str, team: Team, channel: NStr })),
  meetings: List(Type.Object({ id: Str, heldOn: Str, cluster: NStr, countingBoard: List(Str), procedural: List(Type.Object({ agree: Num, passed: Bool, subject: Str })) })),
});

export const MatterWithProcedure = Type.Object({ ...MatterOut.properties, procedure: MatterProcedure });

const VillageCounts = {
  communityId: Str,
  households: Num,
  participated: Num,
  attended: Num,
  agree: Num,
  disagree: Num,
  other: Num,
  byForm: ByForm,
  needed: Num,
  quorumMet: Bool,
  passed: Bool,
};

// (in tally's key order: fast-json-stringify writes the keys in the schema's order)
const ResultCounts = {
  item: Num,
  communeWide: Bool,
  households: Num,
  participated: Num,
  absent: Num,
  agree: Num,
  disagree: Num,
  other: Num,
  byForm: ByForm,
};
const ResultEnd = {
  villagesPassed: Num,
  villagesNeeded: Num,
  passed: Bool,
  explanation: Str,
};

/** The tally of a matter (domain/grassroots/rules MatterResult). */
export const MatterResult = Type.Object({ ...ResultCounts, villages: List(Type.Object(VillageCounts)), ...ResultEnd });

/** getVoteResult: the result with each village's code and name, the ledger and the labels. */
export const VoteResultOut = Type.Object({
  matter: MatterOut,
  result: Type.Object({ ...ResultCounts, villages: List(Type.Object({ ...VillageCounts, community: Nullable(CodeName) })), ...ResultEnd }),
  ledger: List(Type.Object({ household: Str, community: Str, form: Form, choice: Nullable(Str) })),
  labels: Type.Object({ forms: Type.Object({ meeting: Str, paper: Str, online: Str }), choices: Type.Object({ agree: Str, disagree: Str, other: Str }) }),
});

export const CloseVoteOut = Type.Object({ matter: MatterOut, result: MatterResult, sendDeadline: DeadlineBody });

/** An initiative's standing (initiatives.ts Standing). */
export const Standing = Type.Object({
  households: Num,
  signatures: Num,
  validSignatures: Num,
  needed: Num,
  frontAgreed: Bool,
  stands: Bool,
  lapsesOn: NStr,
  validMonths: Num,
  citation: Str,
});

export const InitiativeOut = Type.Object({ id: Str, title: Str, item: Num, matterId: NStr, frontAgreedOn: NStr, standing: Standing });

const Recommendation = Type.Object({
  id: Str,
  agencyId: Str,
  agencyPath: Str,
  board: Str,
  content: Str,
  receivedOn: Str,
  dueOn: Str,
  answeredOn: NStr,
  answer: NStr,
  createdBy: NStr,
  createdAt: DateTime,
});

export const RecommendationCreated = Type.Object({ recommendation: Recommendation, deadline: DeadlineBody });
export const RecommendationAnswered = Type.Object({ recommendation: Recommendation, onTime: Bool });

export const ComplianceItem = Type.Object({
  kind: Type.Enum(['send-decision', 'recognize-decision', 'board-recommendation']),
  id: Str,
  agencyId: Str,
  title: Str,
  community: NStr,
  dueOn: Str,
  overdue: Bool,
  daysLate: Num,
});

// ---- procedure-routes and extra-routes ----

const DayRule = Type.Object({ days: Num, basis: Str, mark: Mark });
const SizeRule = Type.Object({ min: Num, max: Num, basis: Str, mark: Mark });
const BoardPlanRule = Type.Object({ days: Num, unit: Type.Enum(['working', 'calendar']), basis: Str, mark: Mark });
const DistrictSuccessor = Type.Object({ level: Type.Enum(['province', 'commune']), basis: Str, mark: Mark });
const Subject = Type.Object({ key: Str, label: Str, mark: Mark });

export const PublicationRules = Type.Object({ withinWorkingDays: Num, postedDays: Num, loudspeakerDays: Num, loudspeakerItems: List(Num), citation: Str, verified: Bool });

export const GrassrootsRules = Type.Object({
  notice: Type.Object({ meeting: DayRule, ballot: DayRule, conference: DayRule }),
  documentsBefore: DayRule,
  villageRulesDraft: DayRule,
  cluster: Type.Object({ minHouseholds: Num, basis: Str, mark: Mark }),
  boardPlans: Type.Object({ inspection: BoardPlanRule, investment: BoardPlanRule }),
  dismissalPetition: Type.Object({ num: Num, den: Num, strict: Bool, basis: Str, mark: Mark }),
  ballotPlanSent: DayRule,
  teamSize: SizeRule,
  countingBoardSize: SizeRule,
  commentMinDays: DayRule,
  districtSuccessor: DistrictSuccessor,
  conferenceAgenda: List(Type.Object({ key: Str, label: Str })),
  conferenceBasis: Str,
  art25Subjects: List(Subject),
  publication: PublicationRules,
  publicationCategories: List(Type.Object({ item: Num, label: Str })),
});

export const MeetingNotice = Type.Object({
  id: Str,
  matterId: Str,
  communityId: Str,
  cluster: NStr,
  noticeOn: Str,
  meetingOn: Str,
  place: Str,
  documentsOn: NStr,
  clusterPlanApprovedOn: NStr,
  scattered: Bool,
  draftPostedOn: NStr,
  createdBy: NStr,
  createdAt: DateTime,
});

export const InitiativeListItem = Type.Object({ id: Str, title: Str, item: Num, community: CodeName, matterId: NStr, frontAgreedOn: NStr, standing: Standing });

export const RecommendationListItem = Type.Object({ id: Str, board: Str, boardLabel: Str, content: Str, receivedOn: Str, dueOn: Str, answeredOn: NStr, answer: NStr, state: Str });

export const Conference = Type.Object({
  id: Str,
  community: NStr,
  year: Num,
  noticeOn: Str,
  heldOn: Str,
  place: Str,
  agenda: List(Type.Object({ key: Str, label: Str, done: Bool })),
  resultSummary: NStr,
  resultSentOn: NStr,
});

const PublicationCheck = Type.Object({ dueOn: Str, postedLate: Bool, postedDays: Nullable(Num), postedTooShort: Bool, loudspeakerNeeded: Bool, loudspeakerShort: Bool, citation: Str });

export const PublicationList = Type.Object({
  quarter: Str,
  from: Str,
  to: Str,
  rules: PublicationRules,
  items: List(
    Type.Object({
      id: Str,
      item: Num,
      category: Str,
      title: Str,
      decidedOn: Str,
      postedOn: Str,
      postedUntil: NStr,
      loudspeakerFrom: NStr,
      loudspeakerTo: NStr,
      channels: List(Str),
      check: PublicationCheck,
    }),
  ),
  totals: Type.Object({ published: Num, late: Num, tooShort: Num, loudspeakerShort: Num }),
});

export const CommentMatterList = Type.Object({
  subjects: List(Subject),
  minDays: DayRule,
  districtSuccessor: DistrictSuccessor,
  items: List(Type.Object({ id: Str, title: Str, subject: Str, status: Str, opensOn: NStr, closesOn: NStr })),
});

export const CommentMatterOpened = Type.Object({ id: Str, title: Str, subject: Str, status: Str, opensOn: NStr, closesOn: NStr, minDays: Num });


export const TimelineStep = Type.Object({ key: Str, label: Str, by: Str, workingDays: Bool, citation: Str, state: Type.Enum(['upcoming', 'due-today', 'overdue']) });

const ReportRow = Type.Object({
  agency: CodeName,
  mattersDecided: Num,
  passed: Num,
  householdsCounted: ByForm,
  participationRate: Nullable(Num),
  initiatives: Num,
  decisionsRecognized: Num,
  recognizedOnTime: Num,
  recognitionOverdue: Num,
  recommendations: Num,
  answeredOnTime: Num,
  answerOverdue: Num,
});

export const GrassrootsReport = Type.Object({ from: Str, to: Str, items: List(ReportRow), total: ReportRow });
