import type { DeviceDatabase } from './create-database.js';

/**
 * Removes the guides of every area not in `keep` (the area feeds followed
 * now) and purges their tombstones. The purge matters: guides are pulled,
 * never pushed, and RxDB leaves a document alone while a local change is
 * unreplicated, so a kept tombstone would block the guide forever if its
 * area were chosen again.
 */
export async function removeGuidesOutside(device: DeviceDatabase, keep: readonly string[]): Promise<number> {
  const outside = await device.guides.find({ selector: { areaCode: { $nin: [...keep] } } }).exec();
  if (outside.length === 0) return 0;
  await device.guides.bulkRemove(outside.map((d) => d.primary));
  await device.guides.storageInstance.cleanup(0);
  return outside.length;
}
