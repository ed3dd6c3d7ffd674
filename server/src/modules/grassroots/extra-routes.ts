/** Grassroots routes beyond the vote: PDFs of the records, timelines and checklists, the report (filled in below). */
import type { App, AppContext } from '../../app.ts';

export function registerGrassrootsExtraRoutes(_app: App, _ctx: AppContext) {}
