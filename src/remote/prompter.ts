/**
 * How the remote layer asks the user something: trust a new host key, type a key passphrase, a password
 * or keyboard-interactive answers. The extension implements it with VS Code input boxes, the CLI with a
 * TTY (ttyPrompter.ts). Answers are used once and never stored.
 */

export interface HostKeyQuestion {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** Where the key will be recorded if accepted. */
  knownHostsFile: string;
  /** Key types already known for this host (a different type is offered now). */
  otherTypesKnown: string[];
}

export interface SecretQuestion {
  kind: "passphrase" | "password" | "keyboard-interactive";
  host: string;
  /** What to show: "Passphrase for /home/u/.ssh/id_ed25519", "Password for u@h", or the server's prompt. */
  prompt: string;
  /** Whether the answer may be shown while typed (keyboard-interactive `echo`). */
  echo: boolean;
}

export interface Prompter {
  /** True only if the user explicitly accepts this unknown key. */
  confirmHostKey(q: HostKeyQuestion): Promise<boolean>;
  /** The secret, or undefined if the user cancels. */
  secret(q: SecretQuestion): Promise<string | undefined>;
}

/** A prompter that never answers: unknown keys are refused, no secret is given. For batch use. */
export const refusingPrompter: Prompter = {
  confirmHostKey: async () => false,
  secret: async () => undefined,
};
