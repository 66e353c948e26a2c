using System.Diagnostics;

namespace MeshSecurity.Cli.Tests;

/// <summary>meshsec as a user runs it: in-process through Program.Main (console captured), or as a child process.</summary>
public static class MeshsecCli
{
    /// <summary>Runs Program.Main with the console redirected; callers belong to the "console" collection.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            var code = await Program.Main(args);
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>
    /// Runs the built meshsec.dll in a process of its own, from <paramref name="workingDirectory"/>, for at most 10 minutes.
    /// </summary>
    public static Task<(int Code, string Out, string Err)> Process(string workingDirectory, params string[] args) =>
        Process(TimeSpan.FromMinutes(10), workingDirectory, args);

    /// <summary>
    /// Runs the built meshsec.dll in a process of its own, from <paramref name="workingDirectory"/>; past
    /// <paramref name="bound"/> it is killed and a TimeoutException names the command and what it wrote to stderr.
    /// </summary>
    public static async Task<(int Code, string Out, string Err)> Process(TimeSpan bound, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true,
            RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meshsec.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start)!;
        var (o, e) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        try
        {
            await p.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"meshsec {string.Join(' ', args)} did not end within {bound}:\n{await e}");
        }
        return (p.ExitCode, await o, await e);
    }
}
