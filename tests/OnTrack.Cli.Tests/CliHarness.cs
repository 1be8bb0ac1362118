using Spectre.Console;

namespace OnTrack.Cli.Tests;

/// <summary>Runs the `ontrack` command line in-process with a plain, wide console, as the tests read it.</summary>
internal static class CliHarness
{
    public static (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        // Wide enough that messages are not wrapped mid-sentence.
        console.Profile.Width = 1000;
        return (Cli.Run(args, console), writer.ToString());
    }
}

/// <summary>A temporary folder for a test class's files, deleted with it.</summary>
internal sealed class TempFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Writes <paramref name="content"/> to a file in the folder and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
