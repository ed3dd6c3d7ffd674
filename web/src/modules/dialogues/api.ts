/** Dialogue and commitment API shapes, read from the server's OpenAPI document by operationId (ADR 0012). */
import type { Ok } from '../../api/types.ts';

export type DialogueKind = Ok<'listDialogueKinds'>['items'][number];
export type DialogueHead = Ok<'listDialogues'>['items'][number];
/** getDialogue and every write on a dialogue answer `{ dialogue }`: the whole dialogue for staff. */
export type DialogueOut = Ok<'getDialogue'>;
export type Dialogue = DialogueOut['dialogue'];
export type CommitmentList = Ok<'listCommitments'>;
export type Commitment = CommitmentList['items'][number];
export type CommitmentDetail = Ok<'getCommitment'>;
export type DialogueRequest = Ok<'listDialogueRequests'>['items'][number];
export type VillageHead = Ok<'listVillageHeads'>['items'][number];
