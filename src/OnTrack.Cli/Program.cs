using OnTrack.Cli;
using Spectre.Console;

return Cli.Run(args, AnsiConsole.Console);
