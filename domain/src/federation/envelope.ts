/**
 * Liên thông between DânVận instances (issue 16; ADR 0018, 0019): the package envelope modelled on edXML
 * (QCVN 102:2016 header: from / to agency codes, message type, document number and date; body; attachments), the
 * processing statuses that flow back, which instance serves an agency, and the delivery backoff. Pure: no I/O, no
 * crypto (the server signs and seals with `jose`).
 */

/** Message types observed on the national axis (PARTICIPATION e6, [V*]). */
export const MESSAGE_TYPES = ['edoc', 'replacement', 'revocation', 'update', 'status'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Processing statuses the receiver reports back (e6: inbox → received, acceptance, rejection, processing, done). */
export const REMOTE_STATUSES = ['received', 'accepted', 'rejected', 'processing', 'done'] as const;
export type RemoteStatus = (typeof REMOTE_STATUSES)[number];

export const REMOTE_STATUS_LABELS_VI: Record<RemoteStatus, string> = {
  received: 'đã nhận',
  accepted: 'đã thụ lý',
  rejected: 'không thụ lý / trả lại',
  processing: 'đang giải quyết',
  done: 'đã giải quyết xong',
};

/** A case as it travels: what the receiving agency needs to open it, and nothing that names a denouncer. */
export interface CaseContent {
  code: string;
  kind: string;
  field: string | null;
  content: string;
  contentKey: string;
  /** Complaints and feedback only; null for a denunciation (its denouncer travels sealed, `sealedIdentity`). */
  petitionerName: string | null;
  petitioner: { name: string | null; idNumber: string | null; address: string | null; phone: string | null; anonymous: boolean } | null;
  receivedOn: string;
  instance: number;
}

export interface Attachment {
  name: string;
  mimeType: string;
  /** base64 */
  data: string;
}

/** The signed payload (the JWS payload), header first as in edXML. */
export interface PackagePayload {
  header: {
    packageId: string;
    type: MessageType;
    /** Sending and receiving instances (directory ids). */
    fromInstance: string;
    toInstance: string;
    fromAgency: string;
    toAgency: string;
    /** Document number and date (NĐ 30/2020 Art. 15): the sender's case code and the forwarding day. */
    documentNo: string;
    documentDate: string;
    /** The edoc this message refers to (status, revocation, replacement, update). */
    refersTo: string | null;
    sentAt: string;
  };
  body: {
    case?: CaseContent;
    /** Denunciations: the denouncers' identities as a JWE sealed to the receiving instance's key. */
    sealedIdentity?: string | null;
    attachments?: Attachment[];
    status?: { value: RemoteStatus; on: string; note: string; caseCode: string | null };
    reason?: string;
  };
}

/** The processing status a step on the receiving side reports to the sender (null: nothing to report). */
export function statusForAction(action: string): RemoteStatus | null {
  if (action === 'accept') return 'accepted';
  if (['decline', 'guide', 'archive', 'return-documents', 'forward'].includes(action)) return 'rejected';
  if (['decide', 'conclude', 'close', 'terminate', 'withdraw', 'answer'].includes(action)) return 'done';
  if (['start-verification', 'extend', 'hold-dialogue', 'find-complex', 'find-several-sites', 'suspend', 'resume'].includes(action)) return 'processing';
  return null;
}

/** Does an instance serving `agencyCodes` serve the agency at `path` ("VN/79/26734")? */
export function servesPath(agencyCodes: readonly string[], path: string): boolean {
  const segments = path.split('/');
  return agencyCodes.some((code) => segments.includes(code));
}

/** The most specific of several instances serving a path (the deepest matching code). */
export function instanceForPath<T extends { agencyCodes: readonly string[] }>(instances: readonly T[], path: string): T | null {
  const segments = path.split('/');
  let best: T | null = null;
  let depth = -1;
  for (const inst of instances) {
    for (const code of inst.agencyCodes) {
      const i = segments.indexOf(code);
      if (i > depth) {
        depth = i;
        best = inst;
      }
    }
  }
  return best;
}

/** Delay before the next delivery attempt after `attempts` failures: 5 s doubling, at most one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));
}

/** After this many failed attempts the package is marked failed (an administrator re-queues it). */
export const MAX_ATTEMPTS = 20;

/** Checks the shape of a decoded payload; returns the problem (Vietnamese) or null. */
export function payloadProblem(p: unknown): string | null {
  if (!p || typeof p !== 'object') return 'Gói tin không đúng cấu trúc';
  const h = (p as { header?: Record<string, unknown> }).header;
  if (!h || typeof h !== 'object') return 'Gói tin thiếu phần đầu (header)';
  for (const k of ['packageId', 'type', 'fromInstance', 'toInstance', 'fromAgency', 'toAgency', 'documentNo', 'documentDate', 'sentAt']) {
    if (typeof h[k] !== 'string' || !h[k]) return `Gói tin thiếu trường ${k}`;
  }
  if (!/^[0-9a-f-]{36}$/i.test(String(h.packageId))) return 'Mã gói tin không hợp lệ';
  if (!(MESSAGE_TYPES as readonly string[]).includes(String(h.type))) return `Loại gói tin không hợp lệ: ${String(h.type)}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(h.documentDate))) return 'Ngày văn bản không hợp lệ';
  const body = (p as { body?: Record<string, unknown> }).body;
  if (!body || typeof body !== 'object') return 'Gói tin thiếu phần nội dung (body)';
  if (h.type === 'edoc' && !body.case) return 'Văn bản chuyển đơn thiếu nội dung vụ việc';
  if (h.type !== 'edoc' && !h.refersTo) return 'Gói tin thiếu văn bản được tham chiếu (refersTo)';
  if (h.type === 'status' && !(REMOTE_STATUSES as readonly string[]).includes(String((body.status as { value?: string } | undefined)?.value))) return 'Trạng thái xử lý không hợp lệ';
  return null;
}
