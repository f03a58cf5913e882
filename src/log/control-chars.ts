/**
 * Text from the wire shown to a person: C0 controls, DEL and C1 controls (ESC, BEL, CR, CSI, …) can
 * retitle a terminal window, clear the screen or hide text, so none reaches a terminal raw. Each is
 * shown as a visible escape (`\x1b`), which also keeps a log entry on one line. JSON output needs
 * none of this (JSON.stringify escapes controls) and raw output must stay byte-exact.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS_ALL = /[\u0000-\u001f\u007f-\u009f]/g;

/** True when the text holds a character that escapeControls would change. */
export const hasControls = (text: string): boolean => CONTROLS.test(text);

/** The text with every C0/DEL/C1 control character replaced by its visible `\xHH` form. */
export function escapeControls(text: string): string {
  if (!CONTROLS.test(text)) return text;
  return text.replace(CONTROLS_ALL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A copy of a parsed value with every string in it escaped; the value itself when nothing needs it. */
export function escapeControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeControlsDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = escapeControlsDeep(item);
    return out as T;
  }
  return value;
}
