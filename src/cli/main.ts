/**
 * Entry point of the `srb` command (bin/srb.js runs it through tsx).
 * Thin on purpose: parse the arguments, dispatch, return the exit status.
 */
import { HELP_TEXT, parseCommandLine } from "./args";
import { allocateCommand, EXIT_OK, EXIT_USAGE, type CliIo } from "./allocateCommand";
import packageJson from "../../package.json";

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs `srb` with the arguments after the program name and resolves to the exit status.
 *
 * @example
 * await main(["allocate", "assets/sample/Musterstadt.xlsx", "--out", "out/Musterstadt-srb.xlsx"]); // => 0
 * await main(["--help"]); // => 0 (German help on stdout)
 * await main(["allocate"]); // => 1 (German usage message on stderr)
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case "help":
      io.stdout(HELP_TEXT);
      return EXIT_OK;
    case "version":
      io.stdout(`srb ${packageJson.version}\n`);
      return EXIT_OK;
    case "usage-error":
      io.stderr(`${command.message}\n`);
      return EXIT_USAGE;
    case "allocate":
      return allocateCommand(command.options, io);
  }
}
