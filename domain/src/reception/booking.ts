/**
 * Booking a reception slot (đặt lịch tiếp công dân): the citizen gets a short code to show at the desk and to
 * cancel with. Codes avoid letters and digits that are easy to confuse when read aloud or on a cheap screen.
 */
export const BOOKING_STATUSES = ['booked', 'arrived', 'no-show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: 'Đã đặt lịch',
  arrived: 'Đã đến',
  'no-show': 'Không đến',
  cancelled: 'Đã hủy',
};

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const BOOKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const BOOKING_CODE_LENGTH = 8;

/** "TCD-" + 8 characters drawn from `random` bytes (pass crypto-random bytes; pure for tests). */
export function bookingCodeFrom(random: Uint8Array): string {
  if (random.length < BOOKING_CODE_LENGTH) throw new Error('not enough random bytes');
  let s = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) s += BOOKING_CODE_ALPHABET[random[i]! % BOOKING_CODE_ALPHABET.length];
  return `TCD-${s}`;
}

/** Case-insensitive, spaces and dashes optional: "tcd 7k3m 9q4a" → "TCD-7K3M9Q4A". */
export function normalizeBookingCode(input: string): string | null {
  const t = input.toUpperCase().replace(/[\s-]/g, '');
  const body = t.startsWith('TCD') ? t.slice(3) : t;
  if (body.length !== BOOKING_CODE_LENGTH) return null;
  for (const ch of body) if (!BOOKING_CODE_ALPHABET.includes(ch)) return null;
  return `TCD-${body}`;
}

/** Bookings are taken until the day before the session (the clerk prints the list in the morning) — and on the day itself. */
export function canBook(sessionOn: string, today: string): boolean {
  return sessionOn >= today;
}
