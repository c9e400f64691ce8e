import type { MaterialsHaveResponse } from '../../sync-protocol/index.js';
import type { MaterialStore } from '../store/store.js';

/** Which of the asked materials the user already holds, in the order asked; never another user's. */
export async function findHeldMaterials(deps: { materials: MaterialStore }, input: { userId: string; sha256: string[] }): Promise<MaterialsHaveResponse> {
  const held = await deps.materials.findHeld(input.userId, input.sha256);
  return { have: [...new Set(input.sha256.filter((sha256) => held.has(sha256)))] };
}
