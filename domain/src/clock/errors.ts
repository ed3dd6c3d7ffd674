/** Typed failures of the legal clock, so callers (routes, UI) can map them without parsing messages. */
export type ClockErrorCode = 'UNKNOWN_RULE' | 'INVALID_DATE' | 'EXTENSION_LIMIT' | 'INVALID_INPUT';

export class ClockError extends Error {
  readonly code: ClockErrorCode;
  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.name = 'ClockError';
    this.code = code;
  }
}
