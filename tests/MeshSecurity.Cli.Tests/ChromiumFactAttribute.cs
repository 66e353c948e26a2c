namespace MeshSecurity.Cli.Tests;

/// <summary>
/// A fact that needs Debian's chromium (/usr/bin/chromium; .ci/run installs it when missing): skipped, saying why, when it
/// is absent on a developer's machine, but run (and failing) under CI, which must have it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"not run: {Path} is missing (apt-get install chromium; .ci/run installs it)";
    }
}
