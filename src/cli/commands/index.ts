import type { Command } from "../command";
import { checkCommand } from "./check";
import { lspCommand } from "./lsp";
import { inspectCommand } from "./inspect";
import { orderCommand } from "./order";
import { planCommand } from "./plan";
import { runCommand } from "./run";
import { reportCommand } from "./report";
import { demoCommand } from "./demo";
import { statusCommand } from "./status";
import { logsCommand } from "./logs";
import { cancelCommand } from "./cancel";
import { doctorCommand, setupCommand } from "./doctor";
import { syncCommand } from "./sync";

/** Every sub-command, in the order `syllabus --help` lists them. Add one line per command. */
export const commands: Command[] = [
  checkCommand,
  lspCommand,
  orderCommand,
  inspectCommand,
  planCommand,
  runCommand,
  statusCommand,
  logsCommand,
  cancelCommand,
  syncCommand,
  doctorCommand,
  setupCommand,
  reportCommand,
  demoCommand,
];
