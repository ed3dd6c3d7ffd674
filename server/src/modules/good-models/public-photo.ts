/**
 * The public copy of an evidence photo: turned upright by its EXIF orientation, resized to fit 1600 × 1600 px, and
 * re-encoded as JPEG WITHOUT any metadata (sharp drops EXIF, XMP, IPTC unless asked to keep them) — so the GPS
 * position where the photo was taken never reaches the gallery. The original stays private, encrypted.
 */
import sharp from 'sharp';

export const PUBLIC_PHOTO_MAX_PX = 1600;

export async function publicPhotoCopy(data: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(data, { failOn: 'error' })
      .rotate()
      .resize({ width: PUBLIC_PHOTO_MAX_PX, height: PUBLIC_PHOTO_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    // A format the image library cannot decode (some HEIC files): no public copy; the original stays private.
    return null;
  }
}
