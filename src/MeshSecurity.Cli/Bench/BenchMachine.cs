using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace MeshSecurity.Cli.Bench;

/// <summary>The machine and versions a bench ran on, written beside its figures.</summary>
public static class BenchMachine
{
    public static Dictionary<string, object?> Describe() => new()
    {
        ["processor_count"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["akka"] = typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? typeof(ActorSystem).Assembly.GetName().Version?.ToString(),
        ["meshsec"] = Informational.Split('+')[0],
        ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
        ["git_commit"] = BuiltFrom() ?? GitCommit(),
    };

    /// <summary>"0.1.0+commit": the SDK stamps the commit it was built from, so an installed tool knows it too.</summary>
    private static string Informational =>
        typeof(BenchMachine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BenchMachine).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string? BuiltFrom() => Informational.Split('+') is [_, var commit] && commit.Length > 0 ? commit : null;

    /// <summary>The working directory's commit, for a build without source control information.</summary>
    private static string? GitCommit()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            return p.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
