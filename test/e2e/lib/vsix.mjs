// The .vsix a user installs: `vsce package` (what `npm run package` does after the build), then installed into
// a fresh extensions folder with code-server's own CLI. Used by the e2e layers and scripts/screenshots.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CODE_SERVER_ENTRY, REPO_ROOT } from "./env.mjs";

/** Packages the extension at `extension` into `dir`/syllabus.vsix; returns its path. */
export function packageVsix(extension, dir) {
  const vsix = join(dir, "syllabus.vsix");
  const pack = spawnSync(join(REPO_ROOT, "node_modules/.bin/vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "-o", vsix], { cwd: extension, encoding: "utf8" });
  if (pack.status !== 0 || !existsSync(vsix)) throw new Error(`vsce package failed:\n${pack.stdout}\n${pack.stderr}`);
  console.log(`  ${pack.stdout.trim().split("\n").at(-1)}`);
  return vsix;
}

/** Installs `vsix` into `dir`/ext and checks code-server lists it with its version; returns the folder. */
export function installVsix(vsix, extension, dir) {
  const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
  const cs = (args) => spawnSync(process.execPath, [CODE_SERVER_ENTRY, "--extensions-dir", join(dir, "ext"), "--user-data-dir", join(dir, "ud"), ...args], { encoding: "utf8", env: { ...process.env, EXTENSIONS_GALLERY: "{}" } });
  const install = cs(["--install-extension", vsix]);
  const list = cs(["--list-extensions", "--show-versions"]);
  const want = `${manifest.publisher}.${manifest.name}@${manifest.version}`;
  if (install.status !== 0 || !list.stdout.includes(want)) throw new Error(`the .vsix did not install:\n${install.stdout}${install.stderr}${list.stdout}`);
  console.log(`  ✔ installed and listed: ${want}`);
  return join(dir, "ext");
}
