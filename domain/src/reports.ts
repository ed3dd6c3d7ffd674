/**
 * Report arithmetic shared by server and web: periods and the cut-off convention (reports/periods.ts), the
 * indicators of the official forms (reports/indicators.ts) and the narrative (reports/narrative.ts).
 * Settlement rate = resolved ÷ within jurisdiction (carried over + newly accepted) — TT 06/2025/TT-TTCP
 * (LEGAL.md Reports).
 */
export * from './reports/periods.ts';
export * from './reports/narrative.ts';
export * from './reports/indicators.ts';
