import { useEffect, useRef } from 'preact/hooks';
import type { ApplicationDoc, ApplicationMaterial, GuideDoc } from '../../../../sync-protocol/index.js';
import type { DataApi } from '../../db/data-api.js';
import { useApp } from '../../lib/app-context.js';
import { DraftSaver } from '../../lib/draft-saver.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { isBlankForm, toApplicationParts, type FormValues } from '../../model/application-form.js';
import { applicantAddressOf } from '../../model/household-applicant.js';
import type { Filing } from './filing.js';

/** Everything the form saves as a draft: the typed values and the materials. */
export interface DraftContent {
  values: FormValues;
  materials: ApplicationMaterial[];
}

/**
 * One draft saver for the form's life: it writes after each pause in typing,
 * and at once when the page is hidden (tab closed, app switched, update
 * reload) or the form is left. `onResult` hears of every write: null when it
 * was saved, the error when it was not.
 */
export function useDraftSaver(guide: GuideDoc, draft: ApplicationDoc | null, onResult: (error: unknown) => void, filing?: Filing): DraftSaver<DraftContent> {
  const { data, actions } = useApp();
  const saver = useRef<DraftSaver<DraftContent> | null>(null);
  // Every write, the timed ones included, reports how it went: a draft must never fail to save silently.
  const report = useRef(onResult);
  report.current = onResult;
  if (!saver.current) {
    saver.current = new DraftSaver<DraftContent>({
      id: draft?.id ?? null,
      save: async (id, content) => {
        try {
          const saved = await actions.write(() => saveDraft(data, guide, id, content, filing));
          report.current(null);
          return saved;
        } catch (error) {
          report.current(error);
          throw error;
        }
      },
    });
  }
  useEffect(() => {
    const current = saver.current!;
    const flush = () => void current.flush().catch(() => undefined);
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
  return saver.current;
}

/**
 * Writes the form as a draft, from the first thing entered whatever is still
 * empty: a photo of the ID card is often taken before anything is typed, and
 * a reload, a crash or the phone killing the browser must not lose it. A draft
 * needs no name (only submitting does); a blank form makes no draft.
 */
async function saveDraft(data: DataApi, guide: GuideDoc, id: string | null, content: DraftContent, filing?: Filing): Promise<string | null> {
  if (!id && isBlankForm(content.values, content.materials)) return null;
  const parts = { ...toApplicationParts(guide, content.values, filing ? applicantAddressOf(filing.household) : undefined), materials: content.materials };
  if (id) {
    await data.updateDraft(id, parts);
    return id;
  }
  const app = await data.createApplication({ guide, ...parts, ...(filing ? { householdId: filing.household.id, memberId: filing.member.id } : {}) });
  pointAddressAtDraft(
    app.id,
    filing ? { name: 'apply-for', guideId: guide.id, householdId: filing.household.id, memberId: filing.member.id } : { name: 'apply', guideId: guide.id },
  );
  return app.id;
}

/**
 * A reload from now on must reopen this draft, not a blank form: the address
 * becomes the draft's. Only while the form of this guide is still what the
 * address shows: the first write can finish after the person already tapped
 * a link away (the form's unmount flushes it), and rewriting the address
 * then would leave it pointing at the draft while the screen shows the link's
 * page (ba152f8). replaceState fires no hashchange, so the form stays
 * mounted; the next link click changes the hash and is routed as usual.
 */
function pointAddressAtDraft(draftId: string, formRoute: Route): void {
  if (location.hash !== hrefOf(formRoute)) return;
  history.replaceState(history.state, '', hrefOf({ name: 'edit-application', id: draftId }));
}
