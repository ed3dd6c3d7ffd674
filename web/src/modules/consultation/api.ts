/** Shapes of the consultation API used by the staff pages. */
export interface Consultation {
  id: string;
  title: string;
  kind: string;
  kindLabel: string;
  subject: string;
  audience: string;
  agency: { code: string; name: string };
  phase: string;
  phaseLabel: string;
  period: string;
  minDays: number;
  minDaysBasis: string;
  currentVersion: number;
  stateSecret: boolean;
}

export interface SectionTally {
  id: string;
  key: string;
  kind: string;
  heading: string;
  current: boolean;
  total: number;
  byStance: Record<string, number>;
  byChannel: Record<string, number>;
  replaced: number;
  majority: string | null;
}

export interface Tally {
  participants: number;
  counted: number;
  replaced: number;
  spokenOnly: number;
  sections: SectionTally[];
}

export interface SuggestedTheme {
  title: string;
  stance: string | null;
  opinionIds: string[];
  samples: string[];
}

export interface Theme {
  id: string;
  title: string;
  outcome: string | null;
  explanation: string | null;
  departsFromMajority: boolean | null;
}
