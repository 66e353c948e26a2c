using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// deploy/local-cluster.sh as a user runs it (bash), with the meshsec.dll the tests build, in a folder of its own and on
/// free ports. Disposing it stops whatever the script started, by pid, whatever happened in between.
/// </summary>
public sealed class LocalCluster(int nodes, IReadOnlyDictionary<string, string?>? environment = null) : IAsyncDisposable
{
    private readonly HashSet<int> started = [];

    public static string Script => Path.Combine(RepoFiles.Root, "deploy", "local-cluster.sh");

    public string Dir { get; } = RepoFiles.TempDir();

    /// <summary>The first node's remoting port; the control ports follow the remoting ones, then <see cref="SparePort"/>.</summary>
    public int Port { get; } = FreePorts(2 * nodes + 1);

    public int ControlPort => Port + nodes;

    /// <summary>A free port for something else the script starts (its private PostgreSQL).</summary>
    public int SparePort => Port + 2 * nodes;

    public string SeedAddress => $"akka.tcp://meshsec@127.0.0.1:{Port}";

    /// <summary>Runs the script with <paramref name="args"/> and this cluster's --dir; killed (and failed) past the bound.</summary>
    public async Task<(int Code, string Out, string Err)> Run(TimeSpan bound, params string[] args)
    {
        var result = await Bash(bound, environment, [.. args, "--dir", Dir]);
        foreach (var pid in Pids()) started.Add(pid);
        return result;
    }

    public static async Task<(int Code, string Out, string Err)> Bash(TimeSpan bound, IReadOnlyDictionary<string, string?>? environment,
        params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MESHSEC_CLI"] = Path.Combine(AppContext.BaseDirectory, "meshsec.dll");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {string.Join(' ', args)} ran longer than {bound.TotalSeconds} s");
        }
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>The pids of the nodes the script records in its folder now.</summary>
    public List<int> Pids() => Directory.GetFiles(Dir, "node-*.pid")
        .Order(StringComparer.Ordinal)
        .Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    public string Log(int node) => File.ReadAllText(Path.Combine(Dir, $"node-{node}.log"));

    /// <summary>Running, and not a zombie whose exit nobody has collected yet.</summary>
    public static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
        var stat = $"/proc/{pid}/stat";
        return !File.Exists(stat) || File.ReadAllText(stat).Split(") ")[^1].Split(' ')[0] != "Z";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(Dir, "cluster.state")) || File.Exists(Path.Combine(Dir, "postgres.dir")))
                await Run(TimeSpan.FromSeconds(60), "down", "--grace", "10");
        }
        finally
        {
            foreach (var pid in started.Where(Alive))
            {
                using var p = Process.GetProcessById(pid);
                p.Kill();
            }
            Directory.Delete(Dir, recursive: true);
        }
    }

    /// <summary>
    /// A port such that it and the <paramref name="count"/> - 1 after it are free on the loopback interface, below the
    /// kernel's ephemeral range (32768 and up on Linux): the parallel tests' port-0 binds and outgoing connections take
    /// theirs from that range, so none can take these between this check and the script's nodes binding them.
    /// </summary>
    private static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20000, 32000 - count);
            if (Enumerable.Range(first, count).All(Free)) return first;
        }
        throw new InvalidOperationException($"no {count} consecutive free ports on 127.0.0.1 between 20000 and 32000");
    }

    private static bool Free(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
