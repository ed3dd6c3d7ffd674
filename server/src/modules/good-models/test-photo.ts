/** For tests: a 2400 × 1800 JPEG carrying a GPS position in its EXIF, as a phone camera writes it. */
import sharp from 'sharp';

export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withExif({ IFD0: { Make: 'DanVanPhone', Model: 'Test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '105/1 49/1 5678/100' } })
    .jpeg()
    .toBuffer();
}

/** The EXIF block of a JPEG holds the GPS IFD pointer (tag 0x8825, either byte order). */
export async function hasGpsExif(jpeg: Buffer): Promise<boolean> {
  const exif = (await sharp(jpeg).metadata()).exif;
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}
