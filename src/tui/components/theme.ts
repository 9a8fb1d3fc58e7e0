// Colour on or off (NO_COLOR, --no-color, not a colour terminal). Every meaning also has a symbol.
import { createContext, useContext } from 'react';

export const ColorContext = createContext(true);

export type Tone = 'added' | 'modified' | 'removed' | 'error' | 'warning' | 'note' | 'accent' | 'dim' | 'waste';

const TONES: Record<Tone, string> = {
  added: 'green',
  modified: 'yellow',
  removed: 'red',
  error: 'red',
  warning: 'yellow',
  note: 'blue',
  accent: 'cyan',
  dim: 'gray',
  waste: 'yellow',
};

/** The Ink colour for a tone, or undefined when colour is off. */
export function useTone(): (tone: Tone | undefined) => string | undefined {
  const color = useContext(ColorContext);
  return (tone) => (color && tone ? TONES[tone] : undefined);
}
