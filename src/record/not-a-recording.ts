/**
 * What a file that `replay` cannot play looks like instead, so the message can say which command
 * wrote it: `tail` writes its output and its --record file side by side, and both are NDJSON.
 */

/** The rest of a sentence that starts with the input's name, from its first non-empty line (undefined: none). */
export function describeNonRecording(firstLine: string | undefined): string {
  if (firstLine === undefined) return 'is empty: nothing to replay (record with tail --record <file>)';
  const hint = 'replay reads what tail --record <file> writes';
  const value = parseJson(firstLine);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if ('event' in value && 'source' in value) return `looks like tail --json output, not a --record file; ${hint}`;
    if ('e' in value || ('stream' in value && 'data' in value)) return `looks like raw frames (tail -o raw), not a --record file; ${hint}`;
  }
  if (/^\d{2}:\d{2}:\d{2}/.test(firstLine)) return `looks like tail's pretty output, not a --record file; ${hint}`;
  return `holds no recorded frame (its first line is not one); ${hint}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
