/**
 * What the audit trail records before and after each action (issue 11): `AuditEntry` is discriminated on `action`,
 * so a writeAudit call whose `before` / `after` misses, misspells or mistypes a field fails the type-check. The
 * shapes are exactly what the use cases write today — the audit chain hashes them, so never change a written value to
 * fit a type: widen the type. An action without an entry here writes no before/after (NoPayload). Add the payload of
 * a new action beside its name in actions.ts.
 */
import type { AuditAction } from './actions.ts';

interface CaseState {
  state: string;
  dueOn: string | null;
  dueRule: string | null;
  outcome: string | null;
}

/** A step of the case workflow (`case.<transition>`, cases/plan-transition.ts): the case before and after the step. */
export interface CaseStepPayload {
  before?: CaseState | null;
  after?:
    | (CaseState & {
        on: string;
        reason?: string;
        documentNo?: string;
        decisionNo?: string;
        signer?: string | null;
        complexityCriterion?: string;
        withdrawal?: { count: number | null; scope: string | null; coerced: boolean; slander: boolean; goesOn: boolean };
        decisionReceivedOn?: string;
        chasedAgency?: string;
        note?: string;
        duties?: readonly { code: string; rule: string; dueOn: string | null }[];
        notice?: string;
      })
    | null;
}

/** An action that records only its summary. */
interface NoPayload {
  before?: null;
  after?: null;
}

export interface AuditPayloads {
  /** The audit chain's own tests write free-form rows. */
  'test.write': {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  };
  'agency.update': {
    before?: { remote: boolean } | null;
    after?: { remote: boolean } | null;
  };
  'auth.login-locked': {
    before?: null;
    after?: { failures: number; lockSeconds: number } | null;
  };
  /** scripts/bench-report-replicate.ts */
  'bench.replicate': {
    before?: null;
    after?: { copies: number; generated: boolean } | null;
  };
  'calendar.reset': {
    before?: { kind: string; name: string; source: string } | null;
    after?: { kind: string; name: string; source: string } | null;
  };
  'calendar.set': {
    before?: { kind: string; name: string; source: string } | null;
    after?: { kind: string; name: string; source: string } | null;
  };
  'case.assign': {
    before?: { assigneeId: string | null } | null;
    after?: { assigneeId: string } | null;
  };
  'case.attach': {
    before?: null;
    after?: { attachmentId: string } | null;
  };
  'case.classify': {
    before?: { kind: string; field: string | null } | null;
    after?: { sealedRecords?: number; kind: string; field: string | null } | null;
  };
  'case.deadline-recompute': {
    before?: { dueOn: string; dueRule: string | null; dueRuleVersion: string | null } | null;
    after?: { dueOn: string; dueRule: string | null; dueRuleVersion: string; calendarDay: string } | null;
  };
  'case.duty-done': {
    before?: { duty: string; dueOn: string | null; doneOn: null } | null;
    after?: { duty: string; dueOn: string | null; doneOn: string; documentNo: string | null; onTime: boolean } | null;
  };
  'case.duty-recompute': {
    before?: { duty: string; dueOn: string | null } | null;
    after?: { duty: string; dueOn: string; calendarDay: string } | null;
  };
  'case.import': {
    before?: null;
    after?: { imported: boolean; importId: string; sheetRow: number; code: string; kind: string; state: string; receivedOn: string; acceptedOn: string | null; decidedOn: string | null; dueOn: string | null; steps: readonly string[] } | { imported: boolean; importId: string; sheetRow: number; code: string; kind: string; state: string; receivedOn: string; dueOn: string | null; forwardedFrom: string } | null;
  };
  'case.link-duplicate': {
    before?: null;
    after?: { matterCase: string; handlingAgency: string } | null;
  };
  'case.open': {
    before?: null;
    after?: { code: string; kind: string; state: string; receivedOn: string; dueOn: string | null } | null;
  };
  'case.open-re-denunciation': {
    before?: null;
    after?: { code: string; from: string; fromAgency: string; receivedOn: string; dueOn: string | null } | null;
  };
  'case.open-second-instance': {
    before?: null;
    after?: { code: string; from: string; fromAgency: string; receivedOn: string; dueOn: string | null } | null;
  };
  'case.publish-answer': {
    before?: null;
    after?: { publishedOn: string } | null;
  };
  'case.rate': {
    before?: null;
    after?: { satisfied: boolean } | null;
  };
  'case.receive-forwarded': {
    before?: null;
    after?: { code: string; from: string; fromAgency: string; receivedOn: string; dueOn: string | null } | { code: string; from: string; fromAgency: string; fromInstance: string; packageId: string; receivedOn: string; dueOn: string | null } | null;
  };
  'case.unlink-duplicate': {
    before?: { state: string; matterCase: string | null } | null;
    after?: { state: string } | null;
  };
  'cases.import': {
    before?: null;
    after?: { mode: string; total: number; imported: number; skipped: number; alreadyImported: number; fileSha256: string } | null;
  };
  'cases.import.undo': {
    before?: null;
    after?: { removed: number; fileSha256: string; nationalSyncWithdrawn: number } | null;
  };
  'commitment.update': {
    before?: { status: string; progress: number } | null;
    after?: { status: string; progress: number; evidence: number } | null;
  };
  'consultation.assisted-opinion': {
    before?: null;
    after?: { channel: string; opinions: readonly string[]; sections: readonly string[]; replaced: number } | null;
  };
  'consultation.burst-flagged': {
    before?: null;
    after?: { flag: string; source: string; windowStart: string; opinions: number; limit: number } | null;
  };
  'consultation.conference': {
    before?: null;
    after?: { conferenceId: string; agency: string; heldOn: string; attendees: number; written: number; spokenOnly: number } | null;
  };
  'consultation.create': {
    before?: null;
    after?: { kind: string; subject: string; opensOn: string | null; closesOn: string | null; minDays: number; stateSecret: boolean } | null;
  };
  'consultation.false-attribution-flagged': {
    before?: null;
    after?: { flags: readonly string[]; opinions: readonly string[]; channels: readonly string[] } | null;
  };
  'consultation.flag-reviewed': {
    before?: { status: string } | null;
    after?: { flag: string; kind: string; decision: string; opinion: string | null; outcome: string } | null;
  };
  'consultation.import-draft': {
    before?: null;
    after?: { fileName: string | null; version: number; sections: number; articles: number; clauses: number; chapters: number; kept: number; changed: number; added: number; removed: number } | null;
  };
  'consultation.opinion-groups': {
    before?: null;
    after?: { clustering: string; k: number; sizes: readonly number[] } | null;
  };
  'consultation.publish': {
    before?: null;
    after?: { opensOn: string; closesOn: string | undefined; version: number; invited: readonly string[] } | null;
  };
  'consultation.publish-synthesis': {
    before?: null;
    after?: { synthesisPublishedOn: string } | null;
  };
  'consultation.remind-invitations': {
    before?: null;
    after?: { invitations: readonly string[]; messages: number } | null;
  };
  'consultation.theme-create': {
    before?: null;
    after?: { themeId: string; section: string; opinions: number } | null;
  };
  'consultation.theme-response': {
    before?: { outcome: string | null } | null;
    after?: { themeId: string; outcome: string; departsFromMajority: boolean; majority: string | null; themeStance: string | null } | null;
  };
  'consultation.written-submission': {
    before?: null;
    after?: { agency: string; documentNumber: string | null; receivedOn: string; opinions: readonly string[]; invitationAnswered: boolean } | null;
  };
  'denouncer.reveal': {
    before?: null;
    after?: { records: number } | null;
  };
  'dialogue.attach': {
    before?: null;
    after?: { files: readonly { id: string; sha256: string }[] } | null;
  };
  'dialogue.cancel': {
    before?: { status: string } | null;
    after?: { status: string; registrantsTold: number } | null;
  };
  'dialogue.conclude': {
    before?: { status: string } | null;
    after?: { commitments: number; sentToVillageHeads: { heads: number; app: number; email: number }; conclusionOn: string; conclusionDueOn: string; late: boolean; raised: number; answered: number; transferred: number; assigned: number } | null;
  };
  'dialogue.create': {
    before?: null;
    after?: { code: string; kind: string; plannedOn: string } | null;
  };
  'dialogue.issue-case': {
    before?: null;
    after?: { issueId: string; caseId: string } | null;
  };
  'dialogue.notice': {
    before?: { status: string } | null;
    after?: { noticeOn: string; plannedOn: string; noticeLate: boolean } | null;
  };
  'dialogue.register': {
    before?: null;
    after?: { registrationId: string; withContact: boolean } | null;
  };
  'dialogue.request': {
    before?: null;
    after?: { code: string; kind: string; triggered: boolean; decisionDueOn: string | null } | null;
  };
  'dialogue.request-decide': {
    before?: { decision: null } | null;
    after?: { decision: string | null; decidedOn: string; late: boolean } | null;
  };
  'dialogue.session': {
    before?: { status: string } | null;
    after?: { sessionId: string; heldOn: string; attendance: number; conclusionDueOn: string } | null;
  };
  'dialogue.village-head.add': {
    before?: null;
    after?: { village: string; villageKind: string; hasEmail: boolean; hasAccount: boolean; active: boolean } | null;
  };
  'dialogue.village-head.update': {
    before?: null;
    after?: { village: string; villageKind: string; hasEmail: boolean; hasAccount: boolean; active: boolean } | null;
  };
  'federation.acknowledged': {
    before?: null;
    after?: { packageId: string; ackedAt: string; remoteCaseCode: string | null } | null;
  };
  'federation.pull-counters': {
    before?: null;
    after?: { rows: number; sha256: string; paths: readonly string[] } | null;
  };
  'federation.register-instance': {
    before?: { baseUrl: string; agencyCodes: readonly string[]; kids: readonly string[] } | null;
    after?: { baseUrl: string; agencyCodes: readonly string[]; kids: readonly string[] } | null;
  };
  'federation.replacement': {
    before?: null;
    after?: { packageId: string; refersTo: string | null } | null;
  };
  'federation.retry': {
    before?: { status: string; attempts: number; lastError: string | null; returnReason: string | null } | null;
    after?: { packageId: string; status: string; attempts: number } | null;
  };
  'federation.returned': {
    before?: null;
    after?: { packageId: string; type: string; reason: string } | null;
  };
  'federation.revocation': {
    before?: null;
    after?: { packageId: string; refersTo: string | null } | null;
  };
  'federation.rotate-peer-key': {
    before?: { kids: readonly string[] } | null;
    after?: { kids: readonly string[]; signedBy: string } | null;
  };
  'federation.send-replacement': {
    before?: null;
    after?: { packageId: string; refersTo: string } | null;
  };
  'federation.send-revocation': {
    before?: null;
    after?: { packageId: string; refersTo: string } | null;
  };
  'federation.send-update': {
    before?: null;
    after?: { packageId: string; refersTo: string } | null;
  };
  'federation.status': {
    before?: null;
    after?: { packageId: string; status: string; on: string } | null;
  };
  'federation.update': {
    before?: null;
    after?: { packageId: string; refersTo: string | null } | null;
  };
  'federation.update-instance': {
    before?: { baseUrl: string; agencyCodes: readonly string[]; kids: readonly string[] } | null;
    after?: { baseUrl: string; agencyCodes: readonly string[]; kids: readonly string[] } | null;
  };
  'good-model.assess': {
    before?: { status: string } | null;
    after?: { status: string; total: number; max: number } | null;
  };
  'good-model.award': {
    before?: null;
    after?: { level: string; decisionNo: string; decidedOn: string } | null;
  };
  'good-model.check': {
    before?: null;
    after?: { year: number; maintained: boolean } | null;
  };
  'good-model.evidence': {
    before?: null;
    after?: { evidenceId: string; kind: string; refType: string | null; refId: string | null } | null;
  };
  'good-model.recognize': {
    before?: { status: string } | null;
    after?: { status: string; level: string | undefined | null } | null;
  };
  'good-model.register': {
    before?: null;
    after?: { campaignId: string; kind: string; field: string; year: number; replicatedFromId: string | null } | null;
  };
  'good-model.replicate': {
    before?: null;
    after?: { campaignId: string; kind: string; field: string; year: number; replicatedFromId: string | null } | null;
  };
  'good-model.return': {
    before?: { status: string } | null;
    after?: { status: string; level: string | undefined | null } | null;
  };
  'good-model.self-assess': {
    before?: { status: string } | null;
    after?: { status: string; total: number; max: number } | null;
  };
  'grassroots.ballots.record': {
    before?: null;
    after?: { counted: number; alreadyCounted: readonly { household: string; form: string }[] } | null;
  };
  'grassroots.community.update': {
    before?: { name: string; kind: string } | null;
    after?: { name: string; kind: string } | null;
  };
  'grassroots.conference.result': {
    before?: null;
    after?: { agenda: readonly string[]; missing: readonly string[] } | null;
  };
  'grassroots.decision.annul': {
    before?: { status: string } | null;
    after?: { status: string; on: string } | null;
  };
  'grassroots.decision.recognize': {
    before?: null;
    after?: { on: string; onTime: boolean } | null;
  };
  'grassroots.decision.refuse': {
    before?: null;
    after?: { on: string; onTime: boolean } | null;
  };
  'grassroots.decision.request-amendment': {
    before?: { status: string } | null;
    after?: { status: string; on: string } | null;
  };
  'grassroots.decision.send': {
    before?: null;
    after?: { sentOn: string; recognitionDueOn: string; late: boolean } | null;
  };
  'grassroots.household.update': {
    before?: { members: number; active: boolean } | null;
    after?: { members: number; active: boolean } | null;
  };
  'grassroots.households.import': {
    before?: null;
    after?: { communities: number; communitiesCreated: number; added: number; updated: number } | null;
  };
  'grassroots.initiative.sign': {
    before?: null;
    after?: { added: number; valid: number; households: number } | null;
  };
  'grassroots.matter.create': {
    before?: null;
    after?: { item: number; communityId: string | null; proposedBy: string } | null;
  };
  'grassroots.meeting.record': {
    before?: null;
    after?: { meetingId: string; attended: number; agree: number; disagree: number; other: number } | null;
  };
  'grassroots.notice.publish': {
    before?: null;
    after?: { noticeId: string; noticeOn: string; meetingOn: string } | null;
  };
  'grassroots.online.vote': {
    before?: null;
    after?: { household: string } | null;
  };
  'grassroots.recommendation.answer': {
    before?: null;
    after?: { onTime: boolean } | null;
  };
  'grassroots.vote.close': {
    before?: null;
    after?: { passed: boolean; agree: number; households: number; sendDueOn: string } | null;
  };
  'grassroots.vote.fallback': {
    before?: null;
    after?: { forms: readonly string[]; households: number; plans: readonly { form: string; startsOn: string; endsOn: string; planLate: boolean }[] } | null;
  };
  'grassroots.vote.open': {
    before?: null;
    after?: { forms: readonly string[]; households: number; plans: readonly { form: string; startsOn: string; endsOn: string; planLate: boolean }[] } | null;
  };
  'grassroots.voting-codes.issue': {
    before?: null;
    after?: { households: readonly string[] } | null;
  };
  'intake.denouncer-match': {
    before?: null;
    after?: { checkedAt: string } | null;
  };
  'keys.reseal.batch': {
    before?: null;
    after?: { store: string; boxes: number; toKeyId: string; fromKeyIds: Record<string, number> } | null;
  };
  'model-campaign.create': {
    before?: null;
    after?: { periodKind: string; fromYear: number; toYear: number; criteria: { model: number; exemplar: number }; levels: readonly string[] } | null;
  };
  'national-sync.retry': {
    before?: null;
    after?: { requeued: number; failed: number; ids: readonly string[] } | null;
  };
  'person-hash.recompute.batch': {
    before?: null;
    after?: { rows: number; filled: number } | null;
  };
  'petition.create': {
    before?: null;
    after?: { receivedOn: string; channel: string; kind: string; caseCode: string; anonymous: boolean } | { receivedOn: string; channel: string; kind: string; caseCode: string; anonymous: boolean; attachments: number; notice: string } | null;
  };
  'reception-booking.cancel': {
    before?: { status: string } | null;
    after?: { status: string } | null;
  };
  'reception-booking.create': {
    before?: null;
    after?: { sessionId: string; queueNumber: number } | null;
  };
  'reception-booking.status': {
    before?: { status: string } | null;
    after?: { status: string; visitId: string | null } | null;
  };
  'reception-session.cancel': {
    before?: { status: string } | null;
    after?: { status: string; recordingRef: boolean } | null;
  };
  'reception-session.close': {
    before?: { status: string } | null;
    after?: { status: string; recordingRef: boolean } | null;
  };
  'reception-session.create': {
    before?: null;
    after?: { kind: string; heldOn: string; delegated: boolean; noticeOn: string | null; capacity: number | null } | null;
  };
  'register.import': {
    before?: null;
    after?: { mode: string; total: number; imported: number; skipped: number; alreadyImported: number; fileSha256: string } | null;
  };
  'register.import.undo': {
    before?: null;
    after?: { removed: number; fileSha256: string } | null;
  };
  'report.cutoff.set': {
    before?: { startDay: number; source: string } | null;
    after?: { startDay: number } | null;
  };
  'seed.national.batch': {
    before?: null;
    after?: { generated: boolean; seed: number; scale: number; agencies: number; sessions: number; cases: number; visits: number; petitions: number; sealedIdentities: number; firstCaseCode: string | null; lastCaseCode: string | null } | null;
  };
  'seed.national.done': {
    before?: null;
    after?: { truthSha256: string; cases: number; visits: number; petitions: number; sessions: number; sealedIdentities: number; generated: boolean } | null;
  };
  'seed.national.models': {
    before?: null;
    after?: { generated: boolean; campaigns: number; models: number; assessments: number; checks: number } | null;
  };
  'seed.national.start': {
    before?: null;
    after?: { generated: boolean; seed: number; scale: number; from: string; to: string; exact: boolean } | null;
  };
  'setting.update': {
    before?: { value: unknown } | null;
    after?: { value: unknown } | null;
  };
  'user.add': {
    before?: null;
    after?: { username: string; role: string; agency: string } | null;
  };
  'user.notification-email': {
    before?: { emailSet: boolean } | null;
    after?: { emailSet: boolean } | null;
  };
  'visit.notice': {
    before?: { noticeDueOn: string | null; noticeSentOn: null } | null;
    after?: { noticeSentOn: string; noticeOutcome: string; noticeDocNo: string | null; onTime: boolean } | null;
  };
  'visit.notice-recompute': {
    before?: { noticeDueOn: string; noticeRuleVersion: string | null } | null;
    after?: { noticeDueOn: string; noticeRuleVersion: string; calendarDay: string } | null;
  };
  'visit.record': {
    before?: null;
    after?: { visitedOn: string; kind: string; peopleCount: number; outcome: string; caseCode: string | null; repeat: boolean; sessionId: string | null; bookingId: string | null; refusalGround: string | null; noticeDueOn: string | null } | null;
  };
}

/**
 * The before/after an action records: its entry above; otherwise a workflow step (`case.<transition>`, whether or not
 * listed in actions.ts) records the case before and after; any other action, none.
 */
export type PayloadOf<A extends AuditAction> = A extends keyof AuditPayloads ? AuditPayloads[A] : A extends `case.${string}` ? CaseStepPayload : NoPayload;
