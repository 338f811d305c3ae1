// Small, named actions on the VS Code 1.100.3 web workbench. Selectors are version specific (verified on
// code-server 4.100.3); keeping them here means a VS Code upgrade touches one file.
export const SEL = {
  quickInput: ".quick-input-widget input.input",
  quickRow: ".quick-input-list .monaco-list-row",
  toast: ".notifications-toasts .notification-toast",
  languageStatus: "#status\\.editor\\.mode",
  activeTab: ".tab.active",
  explorerRow: ".explorer-folders-view .monaco-list-row",
  sidebarRow: ".sidebar .monaco-list-row",
  codeLens: ".contentWidgets .codelens-decoration a, .codelens-decoration a",
  errorSquiggle: ".view-overlays .squiggly-error, .squiggly-error",
  webviewFrame: "iframe.webview.ready",
  webviewContent: "iframe#active-frame",
  dialog: ".monaco-dialog-box",
  dialogButton: ".monaco-dialog-box .dialog-buttons .monaco-button",
  activityItem: (label) => `.activitybar .action-item a[aria-label^="${label}"]`,
  statusItem: "#workbench\\.parts\\.statusbar .statusbar-item",
};

export async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(SEL.quickInput);
  await input.waitFor({ state: "visible" });
  await input.fill(">" + title);
  await page.locator(SEL.quickRow, { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

export async function openFile(page, name) {
  await page.keyboard.press("Control+P");
  const input = page.locator(SEL.quickInput);
  await input.waitFor({ state: "visible" });
  await input.fill(name);
  await page.locator(SEL.quickRow, { hasText: name }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(SEL.activeTab, { hasText: name }).first().waitFor();
}

/** Moves the cursor to 1-based line:column with "Go to Line". */
export async function goTo(page, line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(SEL.quickInput);
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
}

/** The webview's document (two nested iframes: VS Code's host frame, then the content frame). */
export function webview(page) {
  return page.frameLocator(SEL.webviewFrame).frameLocator(SEL.webviewContent);
}
