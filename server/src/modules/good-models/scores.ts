/** Score checks shared by self-assessment and assessment: domain rules → field-by-field 400. */
import { checkScores, type ModelKind, type ScoreInput } from '@danvan/domain/good-models';
import { cleanText } from '@danvan/domain/text';
import { invalid, type FieldIssue } from '../../plugins/errors.ts';
import { campaignData, type CampaignRow } from './queries.ts';

export function checkedScores(campaign: CampaignRow, kind: ModelKind, scores: ScoreInput[]) {
  const criteria = campaignData(campaign).criteria[kind];
  const r = checkScores(criteria, campaign.scaleMax, scores);
  if (r.issues.length) {
    throw invalid(
      ...r.issues.map((i): FieldIssue => {
        const label = criteria.find((c) => c.key === i.criterion)?.label ?? i.criterion;
        if (i.problem === 'range') return { field: i.field, key: 'field.scoreRange', params: { max: campaign.scaleMax } };
        if (i.problem === 'missing') return { field: i.field, key: 'field.criterionMissing', params: { criterion: label } };
        if (i.problem === 'duplicate') return { field: i.field, key: 'field.criterionDuplicate', params: { criterion: label } };
        return { field: i.field, key: 'field.criterionUnknown', params: { criterion: i.criterion } };
      }),
    );
  }
  const clean = scores.map((s) => ({ criterion: s.criterion, score: s.score, ...(s.comment && cleanText(s.comment) ? { comment: cleanText(s.comment) } : {}) }));
  return { scores: clean, total: r.total, max: r.max };
}
