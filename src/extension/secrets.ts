/**
 * Secrets (SSH key passphrases, API tokens) in VS Code's SecretStorage (the OS keychain on desktop), keyed by
 * purpose and host. Never written to settings or files. Passwords are NOT stored: the prompter asks each time.
 */
import type * as vscode from "vscode";

export type SecretKind = "passphrase" | "token";

export class Secrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  private key(kind: SecretKind, scope: string): string {
    return `syllabus.${kind}:${scope}`;
  }

  get(kind: SecretKind, scope: string): Thenable<string | undefined> {
    return this.storage.get(this.key(kind, scope));
  }

  store(kind: SecretKind, scope: string, value: string): Thenable<void> {
    return this.storage.store(this.key(kind, scope), value);
  }

  forget(kind: SecretKind, scope: string): Thenable<void> {
    return this.storage.delete(this.key(kind, scope));
  }
}
