// The modules, not the index: the service worker bundles this file, and the index brings ajv along.
import { mergeConflict } from '../sync-protocol/conflicts.js';
import type { WireDocument } from '../sync-protocol/messages.js';
import type { ApplicationDoc } from '../sync-protocol/schemas/application.js';

export interface ApplicationConflict {
  realMasterState: WireDocument<ApplicationDoc>;
  newDocumentState: WireDocument<ApplicationDoc>;
  assumedMasterState?: WireDocument<ApplicationDoc>;
}

/**
 * The device's rule for a conflict over an application, for the page's
 * replication and the service worker alike: the protocol's three-way merge
 * (`mergeConflict`), with one thing the device knows about applications.
 * A submission is never undone (draft → submitted is one-way), so a *draft*
 * master the device never saw acknowledged, met by a submitted version, is
 * an earlier state of the same application: typically the phone's own draft
 * push, which landed while its answer was lost as the signal went. It is the
 * base the submission was made from, so the submission's fields win. Taken
 * as "no base", the master won every field and the submitted application
 * turned back into a draft on the phone (issue 12: shown as 草稿 though the
 * gateway had it complete, inviting the person to file it twice).
 */
export function resolveApplicationConflict(input: ApplicationConflict): WireDocument<ApplicationDoc> {
  const { realMasterState: master, newDocumentState: fork } = input;
  const earlierDraft = master.lifecycle === 'draft' && fork.lifecycle === 'submitted' ? master : undefined;
  return mergeConflict({ ...input, assumedMasterState: input.assumedMasterState ?? earlierDraft });
}
