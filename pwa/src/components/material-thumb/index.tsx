import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../lib/app-context.js';
import styles from './material-thumb.module.css';

/** What the phone holds of a material photo: still reading, its thumbnail, or nothing (deleted from the locker). */
type ThumbState = { kind: 'loading' } | { kind: 'shown'; url: string } | { kind: 'missing' };

/** What the placeholder says of a submitted application's photo: it left this phone after it reached the county. */
export const MISSING_PHOTO_TEXT = '照片已从手机删除，县里已收到';
/**
 * What it says in a draft: the draft came from another phone of the same
 * account (drafts sync), or lost a race with a deletion. The county may not
 * have the photo: nothing is claimed.
 */
export const MISSING_DRAFT_PHOTO_TEXT = '这部手机上没有这张照片';

/**
 * A material page's thumbnail. A photo deleted from the locker after it was
 * sent leaves the application pointing at bytes this phone no longer holds:
 * instead of an empty or broken image it says so, plainly, in the same box.
 */
export function MaterialThumb({ sha256, alt, class: className, missingText = MISSING_PHOTO_TEXT }: { sha256: string; alt: string; class: string; missingText?: string }) {
  const state = useThumbnail(sha256);
  if (state.kind === 'shown') return <img class={className} src={state.url} alt={alt} />;
  if (state.kind === 'missing') {
    return (
      <span class={`${className} ${styles.missing}`} role="img" aria-label={`${alt}：${missingText}`} data-testid="material-photo-missing">
        {missingText}
      </span>
    );
  }
  return <span class={className} aria-label={alt} />;
}

function useThumbnail(sha256: string): ThumbState {
  const { data } = useApp();
  const [state, setState] = useState<ThumbState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    setState({ kind: 'loading' });
    data.getMaterialThumbnail(sha256).then(
      (blob) => {
        if (!live) return;
        if (!blob) return setState({ kind: 'missing' });
        made = URL.createObjectURL(blob);
        setState({ kind: 'shown', url: made });
      },
      // A read that failed says nothing about the photo: the empty box stays.
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [sha256, data]);
  return state;
}
