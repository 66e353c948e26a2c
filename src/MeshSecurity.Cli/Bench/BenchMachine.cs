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
        ["meshsec"] = typeof(BenchMachine).Assembly.GetName().Version?.ToString(),
        ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
        ["git_commit"] = GitCommit(),
    };

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
