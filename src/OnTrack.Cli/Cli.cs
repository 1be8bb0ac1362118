using System.CommandLine;
using OnTrack.Cli.Scheduling;
using Spectre.Console;

namespace OnTrack.Cli;

/// <summary>The `ontrack` command line: one sub-command per clinical area.</summary>
internal static class Cli
{
    public static int Run(string[] args, IAnsiConsole console)
    {
        var root = new RootCommand("OnTrack: tools for a psychotherapy clinic's analyst and administrator.");
        root.Subcommands.Add(SeriesCommand.Create(console));
        root.Subcommands.Add(Measures.MeasuresCommand.Create(console));
        root.Subcommands.Add(Course.CourseCommand.Create(console));
        root.Subcommands.Add(Matching.MatchCommand.Create(console));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = new ConsoleTextWriter(console), Error = new ConsoleTextWriter(console) });
    }

    /// <summary>Sends System.CommandLine's help and errors through the same console as everything else.</summary>
    private sealed class ConsoleTextWriter(IAnsiConsole console) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void Write(char value) => console.Profile.Out.Writer.Write(value);

        public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

        // Help ends its lines with WriteLine(), which StringWriter would otherwise keep to itself.
        public override void Write(char[] buffer, int index, int count) => console.Profile.Out.Writer.Write(buffer, index, count);

        public override void WriteLine() => console.Profile.Out.Writer.WriteLine();

        public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
    }
}
