/**
 * The remote layer's Prompter (src/remote/prompter.ts) in VS Code: an unknown host key needs an explicit,
 * modal "Trust" with the fingerprint shown; secrets are asked in password input boxes. A key passphrase may be
 * remembered in SecretStorage if the user ticks that; a remembered one is offered first and dropped if wrong.
 */
import * as vscode from "vscode";
import type { HostKeyQuestion, Prompter, SecretQuestion } from "../remote/prompter";
import type { Secrets } from "./secrets";

export class VsCodePrompter implements Prompter {
  /** Passphrases already tried from storage in this session (a second ask means it was wrong). */
  private readonly tried = new Set<string>();

  constructor(private readonly secrets: Secrets) {}

  async confirmHostKey(q: HostKeyQuestion): Promise<boolean> {
    const changed = q.otherTypesKnown.length > 0 ? ` (this host is already known with ${q.otherTypesKnown.join(", ")} keys)` : "";
    const trust = "Trust and connect";
    const answer = await vscode.window.showWarningMessage(
      `Syllabus: the authenticity of host ${q.host}:${q.port} can't be established${changed}.`,
      { modal: true, detail: `${q.keyType} key fingerprint is ${q.fingerprint}.\nCompare it with the host's real fingerprint before trusting it. It will be added to ${q.knownHostsFile}.` },
      trust,
    );
    return answer === trust;
  }

  async secret(q: SecretQuestion): Promise<string | undefined> {
    if (q.kind === "passphrase") {
      const stored = await this.secrets.get("passphrase", q.prompt);
      if (stored !== undefined && !this.tried.has(q.prompt)) {
        this.tried.add(q.prompt);
        return stored;
      }
      if (stored !== undefined) await this.secrets.forget("passphrase", q.prompt);
    }
    const value = await vscode.window.showInputBox({
      title: `Syllabus: ${q.host}`,
      prompt: q.prompt,
      password: !q.echo,
      ignoreFocusOut: true,
    });
    if (value !== undefined && q.kind === "passphrase") {
      const remember = await vscode.window.showInformationMessage("Remember this passphrase in the system keychain?", "Remember", "Not now");
      if (remember === "Remember") await this.secrets.store("passphrase", q.prompt, value);
    }
    return value;
  }
}
