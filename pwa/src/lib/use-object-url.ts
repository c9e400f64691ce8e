import { useEffect, useState } from 'preact/hooks';

/**
 * An object URL for a blob loaded by `load`, revoked when the component goes
 * or the key changes; null while loading or when there is no blob.
 */
export function useObjectUrl(key: string | null, load: (key: string) => Promise<Blob | null>): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    let made: string | null = null;
    void load(key).then(
      (blob) => {
        if (!live || !blob) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [key]);
  return url;
}
