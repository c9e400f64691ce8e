import { useEffect, useState } from 'preact/hooks';
import { pickChineseVoice } from '../model/read-aloud-text.js';

/**
 * A Chinese voice of the browser's speech synthesis, or null when there is
 * none (no speechSynthesis, or no Chinese voice installed): reading Chinese
 * with an English voice helps nobody. Voices often arrive late
 * (`voiceschanged`), so the answer can change after the first render.
 */
export function useChineseVoice(): SpeechSynthesisVoice | null {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(() => (synth ? pickChineseVoice(synth.getVoices()) : null));
  useEffect(() => {
    if (!synth) return;
    const update = () => setVoice(pickChineseVoice(synth.getVoices()));
    synth.addEventListener('voiceschanged', update);
    return () => synth.removeEventListener('voiceschanged', update);
  }, [synth]);
  return voice;
}
