/** Grassroots democracy API (operationIds: importHouseholds, listCommunities, createCommunityMatter, openVote, …). */
export interface Community {
  id: string;
  code: string;
  name: string;
  kind: string;
  households: number;
  optedIn: number;
  withCode: number;
}

export interface Matter {
  id: string;
  item: number;
  itemLabel: string;
  threshold: string;
  allowedForms: string[];
  fallbackForms: string[];
  citation: string;
  community: { code: string; name: string } | null;
  communeWide: boolean;
  title: string;
  content: string;
  status: string;
  forms: string[];
  closedOn: string | null;
  passed: boolean | null;
  sendDueOn: string | null;
  sentOn: string | null;
  recognitionDueOn: string | null;
  recognizedOn: string | null;
  refusalReason: string | null;
}

export interface VillageResult {
  communityId: string;
  community: { code: string; name: string } | null;
  households: number;
  participated: number;
  agree: number;
  needed: number;
  passed: boolean;
}

export interface VoteResult {
  matter: Matter;
  result: {
    households: number;
    participated: number;
    absent: number;
    agree: number;
    disagree: number;
    other: number;
    byForm: Record<string, number>;
    villages: VillageResult[];
    passed: boolean;
    explanation: string;
  };
  ledger: { household: string; community: string; form: string; choice: string | null }[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
