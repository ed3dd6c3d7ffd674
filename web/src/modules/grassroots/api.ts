/**
 * Grassroots democracy API (operationIds: importHouseholds, listCommunities, createCommunityMatter, openVote, …):
 * shapes read from the server's OpenAPI document by operationId (ADR 0012).
 */
import type { Ok } from '../../api/types.ts';

export type Community = Ok<'listCommunities'>['items'][number];
export type MatterList = Ok<'listCommunityMatters'>;
export type Matter = MatterList['items'][number];
/** getCommunityMatter: the matter with its notices, plans and meeting procedure. */
export type MatterDetail = Ok<'getCommunityMatter'>;
export type ComplianceList = Ok<'getGrassrootsCompliance'>;
export type VoteResult = Ok<'getVoteResult'>;
export type Initiative = Ok<'listInitiatives'>['items'][number];
export type Recommendation = Ok<'listBoardRecommendations'>['items'][number];
export type PublicationList = Ok<'listPublications'>;
export type Conference = Ok<'listYearEndConferences'>['items'][number];
export type GrassrootsReport = Ok<'getGrassrootsReport'>;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
