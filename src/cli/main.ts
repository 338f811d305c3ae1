/** The `syllabus` command line: dispatches to the sub-commands in commands/. */
import { commands } from "./commands/index";
import { DataError } from "../core/errors";
import { UsageError } from "./args";

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ["usage: syllabus <command> [options]", "", "commands:", ...lines, "", "`syllabus <command> --help` for a command's options."].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(help());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    console.log(process.env.SYLLABUS_VERSION ?? "0.1.0");
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`syllabus: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`syllabus ${name}: ${err.message}\n\`syllabus ${name} --help\` lists the options.`);
      return 2;
    }
    if (err instanceof DataError) console.error(err.message);
    else console.error(`syllabus ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
