// Headless Debian Chromium through playwright-core (which never downloads browsers). Webviews need a secure
// context, so pages are always opened on http://127.0.0.1.
import { chromium } from "playwright-core";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, shortTmp, xdgEnv } from "./env.mjs";

/** @param {string} dir a scratch folder for the profile and Chromium's XDG/temp files */
export async function launchBrowser(dir) {
  const profile = join(dir, "chromium-profile");
  rmSync(profile, { recursive: true, force: true });
  const tmp = shortTmp();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    viewport: { width: 1400, height: 900 },
    reducedMotion: "reduce", // VS Code then skips toast animations: screenshots are stable
    env: { ...process.env, TMPDIR: tmp, ...xdgEnv(join(dir, "chromium-home")) },
  });
  context.on("close", () => rmSync(tmp, { recursive: true, force: true }));
  return context;
}
