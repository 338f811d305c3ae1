/** Escaping for the HTML report: every dataset, model, strategy and config string passes through here. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * JSON that is safe inside a <script> element: no "</script>", "<!--" or U+2028/2029 can end or
 * confuse it, because every <, > and & becomes a \u escape (JSON.parse reads them back unchanged).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
