using System.CommandLine;
using Spectre.Console;

namespace OnTrack.Cli.Matching;

/// <summary>`ontrack match validate`: placeholder until the trial is written.</summary>
internal static class MatchValidation
{
    public static Command Create(IAnsiConsole console) => new("validate", "Validate on simulated clinics.");
}
