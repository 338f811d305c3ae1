/**
 * The Hosts view: every host the configs declare (and `local`), with whether its trainer is READY (the doctor's
 * python + packages answer, src/remote/readiness) and the last doctor result (python, packages, GPU, disk).
 * A host is green only when its trainer can start; `local` is checked as soon as the view shows it (no
 * network, no prompts), remote hosts when the user asks (Check Host) or before a launch (the pre-flight).
 */
import * as vscode from "vscode";
import type { HostModel } from "../core/experiment/model";
import type { DoctorCheck } from "../core/hosts/doctor";
import type { Readiness } from "../remote/readiness";
import type { ConfigIndex } from "./configs";

export type Connection = "unknown" | "connecting" | "connected" | "failed";

export type { DoctorCheck };

export interface HostHealth {
  connection: Connection;
  message?: string;
  checks?: DoctorCheck[];
  checkedAt?: string;
  /** Whether the trainer can start there (absent until checked). */
  trainer?: Readiness;
}

export type HostNode = { kind: "host"; host: HostModel } | { kind: "check"; host: string; check: DoctorCheck };

const CONNECTION_ICON: Record<Connection, [string, string | undefined]> = {
  unknown: ["circle-outline", undefined],
  connecting: ["sync~spin", "charts.blue"],
  connected: ["vm-active", "testing.iconPassed"],
  failed: ["vm-outline", "testing.iconFailed"],
};

export class HostsTree implements vscode.TreeDataProvider<HostNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HostNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly health = new Map<string, HostHealth>();
  private readonly subscription: vscode.Disposable;

  /** Set by the extension: checks a host without prompting (used for `local` when first shown). */
  autoCheck: ((host: HostModel) => void) | undefined;
  private autoChecked = new Set<string>();

  constructor(private readonly configs: ConfigIndex) {
    this.subscription = configs.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  setHealth(host: string, health: HostHealth): void {
    this.health.set(host, health);
    this.refresh();
  }

  healthOf(host: string): HostHealth {
    return this.health.get(host) ?? { connection: "unknown" };
  }

  async getChildren(node?: HostNode): Promise<HostNode[]> {
    if (!node) {
      const hosts = await this.configs.hosts();
      for (const h of hosts) {
        if (h.kind !== "local" || this.autoChecked.has(h.name) || this.health.has(h.name) || !this.autoCheck) continue;
        this.autoChecked.add(h.name);
        this.health.set(h.name, { connection: "connecting" });
        this.autoCheck(h);
      }
      return hosts.map((host) => ({ kind: "host", host }));
    }
    if (node.kind === "host") return (this.healthOf(node.host.name).checks ?? []).map((check) => ({ kind: "check", host: node.host.name, check }));
    return [];
  }

  getTreeItem(node: HostNode): vscode.TreeItem {
    if (node.kind === "check") {
      const item = new vscode.TreeItem(node.check.name, vscode.TreeItemCollapsibleState.None);
      item.description = node.check.detail;
      item.iconPath = new vscode.ThemeIcon(node.check.ok ? "check" : "close", new vscode.ThemeColor(node.check.ok ? "testing.iconPassed" : "testing.iconFailed"));
      return item;
    }
    const h = node.host;
    const health = this.healthOf(h.name);
    const item = new vscode.TreeItem(h.name, health.checks?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const where = h.kind === "local" ? "this machine" : h.ssh ?? "";
    const state = health.connection === "connecting" ? "checking…"
      : health.trainer ? (health.trainer.ready ? "trainer ready" : "trainer not ready")
      : health.connection === "failed" ? "unreachable" : "not checked";
    // state first: it is what a user scans for; where and how in the tooltip
    item.description = state;
    item.tooltip = new vscode.MarkdownString([`**${h.name}** (${where}, ${h.scheduler.type})`, health.trainer?.problem ? `Not ready: ${health.trainer.problem}` : "", health.trainer?.fix ? `Fix: ${health.trainer.fix}` : "", health.message ?? "", health.checkedAt ? `checked ${health.checkedAt}` : "Not checked yet: Check Host (Doctor) asks it."].filter(Boolean).join("\n\n"));
    const [id, color] = health.trainer && !health.trainer.ready ? ["warning", "testing.iconFailed"] : health.connection === "connected" && !health.trainer ? CONNECTION_ICON.unknown : CONNECTION_ICON[health.connection];
    item.iconPath = color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id);
    item.contextValue = `host-${h.kind}`;
    item.id = `host:${h.name}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
