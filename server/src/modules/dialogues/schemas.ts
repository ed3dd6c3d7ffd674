/**
 * Response schemas of the dialogue routes: every field the presenters of queries.ts, public.ts, requests.ts … answer
 * (fast-json-stringify drops what a schema does not declare); the staff app reads them through the generated
 * OpenAPI types (web/src/api/types.ts).
 */
import { Type } from 'typebox';
import { CodeName, List, Nullable } from '../shared-schemas.ts';

const Str = Type.String();
const Num = Type.Number();
const Bool = Type.Boolean();
const NStr = Nullable(Type.String());
const NNum = Nullable(Type.Number());
const Mark = Type.Enum(['V', 'V*', 'R']);

/** kindInfo: the kind of a dialogue with its two rules. */
const KindInfo = Type.Object({ key: Str, label: Str, noticeDays: Num, noticeRule: Str, noticeMark: Mark, conclusionDays: Num, conclusionRule: Str, conclusionMark: Mark });

const headStart = {
  id: Str,
  code: Str,
  agency: CodeName,
  kind: KindInfo,
  status: Str,
  statusLabel: Str,
  title: Str,
  content: NStr,
  plannedOn: Str,
  plannedOnText: Str,
  startTime: NStr,
  location: NStr,
  onlineLink: NStr,
  howToAttend: NStr,
  organiser: NStr,
  coChair: NStr,
  complex: Bool,
  noticeOn: NStr,
  noticeLate: Bool,
};

const headEnd = {
  heldOn: NStr,
  attendance: Num,
  chairedBy: NStr,
  conclusionDueOn: NStr,
  conclusionExplanation: NStr,
  conclusionOn: NStr,
  conclusionLate: Bool,
  conclusionSummary: NStr,
};

// (in the presenters' key order: fast-json-stringify writes the keys in the schema's order)
/** presentDialogueHead: one dialogue in a staff list. */
export const DialogueHead = Type.Object({ ...headStart, noticeLateReason: NStr, ...headEnd });

/** presentCommitment */
export const Commitment = Type.Object({
  id: Str,
  code: Str,
  dialogueId: Str,
  dialogueCode: NStr,
  dialogueTitle: NStr,
  issueId: Str,
  content: Str,
  ownerAgency: CodeName,
  madeOn: Str,
  dueOn: Str,
  dueOnText: Str,
  status: Str,
  statusLabel: Str,
  statusReason: NStr,
  progress: Num,
  closingNote: NStr,
  closedOn: NStr,
  overdue: Bool,
  keptOnTime: Bool,
});

/** commitmentTimeline: the updates of a commitment with their evidence files. */
export const CommitmentUpdate = Type.Object({
  id: Str,
  on: Str,
  onText: Str,
  status: Str,
  statusLabel: Str,
  progress: Num,
  note: NStr,
  evidence: List(Type.Object({ id: Str, fileName: Str, contentType: Str, sizeBytes: Num })),
});

export const CommitmentWithTimeline = Type.Object({ commitment: Commitment, timeline: List(CommitmentUpdate) });

const issueFields = { id: Str, seq: Num, content: Str, outcome: Str, outcomeLabel: Str, answer: NStr, targetAgency: Nullable(CodeName) };

export const Attachment = Type.Object({ id: Str, sessionId: NStr, fileName: Str, contentType: Str, sizeBytes: Num, url: Str });

/** presentDialogue: the whole dialogue for staff. */
export const DialogueFull = Type.Object({
  ...DialogueHead.properties,
  sessions: List(Type.Object({ id: Str, label: Str, heldOn: Str, location: NStr, attendance: Num, minutes: NStr })),
  registrations: List(Type.Object({ id: Str, code: Str, question: Str, wantsToSpeak: Bool, hasContact: Bool, createdAt: Str })),
  issues: List(Type.Object({ ...issueFields, registrationCode: NStr, caseId: NStr, caseCode: NStr })),
  commitments: List(Commitment),
  sentToVillageHeads: Nullable(Type.Object({ heads: Num, app: Num, email: Num })),
  cancellation: Nullable(Type.Object({ cancelledOn: Str, reason: Str, registrantsTold: Num })),
  attachments: List(Attachment),
});

export const DialogueOut = Type.Object({ dialogue: DialogueFull });

/** publicHead: a dialogue on the portal (no late-notice reason). */
export const PublicDialogueHead = Type.Object({ ...headStart, ...headEnd, registrationOpen: Bool });

export const PublicDialogue = Type.Object({
  ...PublicDialogueHead.properties,
  issues: List(Type.Object(issueFields)),
  commitments: List(Type.Object({ ...Commitment.properties, timeline: List(CommitmentUpdate) })),
  cancellation: Nullable(Type.Object({ cancelledOn: Str, reason: Str })),
});

/** domain/dialogues/kinds FulfilmentFigures */
export const FulfilmentFigures = Type.Object({ made: Num, kept: Num, keptOnTime: Num, overdue: Num, open: Num, declined: Num, transferred: Num, fulfilmentRate: NNum, onTimeRate: NNum });

/** figures.ts DialogueFigures: the dialogues and commitments of a subtree in a period. */
export const DialogueFigures = Type.Object({
  made: Num,
  kept: Num,
  keptOnTime: Num,
  overdue: Num,
  open: Num,
  declined: Num,
  fulfilmentRate: NNum,
  onTimeRate: NNum,
  commitmentsTransferred: Num,
  dialoguesHeld: Num,
  participants: Num,
  issuesRaised: Num,
  answeredOnSpot: Num,
  transferred: Num,
  assigned: Num,
});

export const DialogueFiguresOut = Type.Object({ agency: CodeName, from: Str, to: Str, ...DialogueFigures.properties });

export const PublicCommitments = Type.Object({ agency: Nullable(CodeName), asOf: Str, summary: FulfilmentFigures, items: List(Commitment) });

export const CommitmentSweep = Type.Object({ scanned: Num, markedOverdue: Num, reminders: Num, escalations: Num });

const unitFields = { id: Str, code: Str, agencyCode: Str, agencyName: Str };
const dialogueRef = { id: Str, code: Str, title: Str, agencyCode: Str, agencyName: Str };

export const DialogueCompliance = Type.Object({
  agency: CodeName,
  year: Num,
  asOf: Str,
  rule: Str,
  communes: Num,
  withoutYearlyDialogue: List(Type.Object({ agencyCode: Str, agencyName: Str })),
  lateNotices: List(Type.Object({ ...dialogueRef, noticeOn: NStr, plannedOn: Str, requiredDays: NNum, reason: NStr })),
  lateConclusions: List(Type.Object({ ...dialogueRef, heldOn: NStr, dueOn: NStr, conclusionOn: NStr, pending: Bool })),
  requestsOwed: List(Type.Object({ ...unitFields, requestedOn: Str, requester: Str, signatures: NNum, votersOnRoll: NNum, thresholdPercent: NNum })),
  lateRequestDecisions: List(Type.Object({ ...unitFields, requestedOn: Str, requester: Str, dueOn: Str, decidedOn: NStr, pending: Bool })),
});

export const Registration = Type.Object({ code: Str, dialogue: Type.Object({ id: Str, code: Str, title: Str, plannedOn: Str }) });

/** presentRequest */
export const DialogueRequest = Type.Object({
  id: Str,
  code: Str,
  agency: CodeName,
  kind: Str,
  requestedOn: Str,
  requester: Str,
  content: NStr,
  signatures: NNum,
  votersOnRoll: NNum,
  thresholdPercent: NNum,
  share: NNum,
  triggered: Bool,
  decisionDueOn: NStr,
  decisionExplanation: NStr,
  decidedOn: NStr,
  decision: NStr,
  decisionReason: NStr,
  decisionLate: Bool,
  decisionOverdue: Bool,
});

export const VillageHead = Type.Object({ id: Str, village: Str, villageKind: Str, villageKindLabel: Str, headName: Str, email: NStr, username: NStr, active: Bool });
