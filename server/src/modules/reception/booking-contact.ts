/**
 * A booker's name and phone are personal data (and the booker may turn out to be a denouncer): they are sealed
 * like the portal's contacts (security/sealer.ts; listed in security/sealed-columns.ts). Rows written before
 * issue 13 kept them in the clear; `sealLegacyBookings` moves those into the box.
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { receptionBookings } from '../../db/schema.ts';
import type { Sealer, SealedBox } from '../../security/sealer.ts';

export interface BookingContact {
  name: string;
  phone: string;
}

export function sealBookingContact(sealer: Sealer, c: BookingContact): SealedBox {
  return sealer.seal(JSON.stringify({ name: c.name, phone: c.phone }));
}

export function openBookingContact(sealer: Sealer, b: { contact: SealedBox | null; name: string | null; phone: string | null }): BookingContact | null {
  if (b.contact) {
    const c = JSON.parse(sealer.open(b.contact)) as Partial<BookingContact>;
    return { name: String(c.name ?? ''), phone: String(c.phone ?? '') };
  }
  return b.name !== null || b.phone !== null ? { name: b.name ?? '', phone: b.phone ?? '' } : null;
}

/** Seals the plaintext name and phone of older bookings (idempotent; run at start). Returns how many rows moved. */
export async function sealLegacyBookings(db: DbOrTx, sealer: Sealer): Promise<number> {
  const rows = await db
    .select({ id: receptionBookings.id, name: receptionBookings.name, phone: receptionBookings.phone })
    .from(receptionBookings)
    .where(and(isNull(receptionBookings.contact), isNotNull(receptionBookings.name)));
  for (const r of rows) {
    await db
      .update(receptionBookings)
      .set({ contact: sealBookingContact(sealer, { name: r.name ?? '', phone: r.phone ?? '' }), name: null, phone: null })
      .where(eq(receptionBookings.id, r.id));
  }
  return rows.length;
}
