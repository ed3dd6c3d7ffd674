import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { assertValid, caseFields, checkFields, checkRules, keywordRules, saveSetting, SETTING_KEYS } from './settings.ts';

const Field = Type.Object({ value: Type.String({ maxLength: 40 }), label: Type.String({ maxLength: 200 }) });
const Rule = Type.Object({ target: Type.String({ maxLength: 60 }), keywords: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }) });

export function registerSettingsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/settings/classification-rules',
    {
      schema: {
        operationId: 'listClassificationRules',
        tags: ['admin'],
        summary: 'Quy tắc từ khóa gợi ý loại đơn và lĩnh vực (minh bạch: mỗi gợi ý nêu từ khóa đã khớp)',
        response: { 200: Type.Array(Rule), 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      return (await keywordRules(ctx.db)).map((r) => ({ target: r.target, keywords: [...r.keywords] }));
    },
  );
  app.put(
    '/settings/classification-rules',
    {
      schema: {
        operationId: 'setClassificationRules',
        tags: ['admin'],
        summary: 'Sửa quy tắc từ khóa (quản trị cấp trung ương); có ghi nhật ký',
        body: Type.Object({ rules: Type.Array(Rule, { maxItems: 200 }) }),
        response: { 200: Type.Array(Rule), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rules = request.body.rules.map((r) => ({ target: r.target, keywords: r.keywords.map((k) => k.normalize('NFC').trim()) }));
      assertValid(checkRules(rules, await caseFields(ctx.db)));
      await saveSetting(ctx, user, SETTING_KEYS.rules, rules, `Sửa quy tắc gợi ý phân loại (${rules.length} quy tắc)`);
      return rules;
    },
  );
  app.put(
    '/settings/case-fields',
    {
      schema: {
        operationId: 'setCaseFields',
        tags: ['admin'],
        summary: 'Sửa danh mục lĩnh vực (quản trị cấp trung ương); có ghi nhật ký',
        body: Type.Object({ fields: Type.Array(Field, { maxItems: 100 }) }),
        response: { 200: Type.Array(Field), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const fields = request.body.fields.map((f) => ({ value: f.value.trim(), label: f.label.normalize('NFC').trim() }));
      assertValid(checkFields(fields));
      await saveSetting(ctx, user, SETTING_KEYS.fields, fields, `Sửa danh mục lĩnh vực (${fields.length} lĩnh vực)`);
      return fields;
    },
  );
}
