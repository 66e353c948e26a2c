using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// `meshsec node` processes on loopback, as deploy/local-cluster.sh starts them: the first is the seed; each answers
/// its control port's /health before the cluster counts as started. Stopped with SIGTERM (a graceful leave), killed
/// after a bound; none outlives the test.
/// </summary>
public sealed class LocalNodes : IAsyncDisposable
{
    private readonly List<(Process Process, int Port, int Control, StringWriter Log)> _nodes = [];

    public string Seed => $"akka.tcp://{NodeSettings.SystemName}@127.0.0.1:{_nodes[0].Port}";

    public int Count => _nodes.Count;

    public static async Task<LocalNodes> StartAsync(int count, string journal, TimeSpan timeout)
    {
        var nodes = new LocalNodes();
        try
        {
            for (var i = 0; i < count; i++) nodes.Start(journal);
            foreach (var node in nodes._nodes) await WaitUpAsync(node, timeout);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>One more node, joined through the seed, once it answers /health. Returns its index.</summary>
    public async Task<int> AddAsync(string journal, TimeSpan timeout)
    {
        Start(journal);
        await WaitUpAsync(_nodes[^1], timeout);
        return _nodes.Count - 1;
    }

    /// <summary>The node's process id.</summary>
    public int Pid(int index) => _nodes[index].Process.Id;

    /// <summary>The node's control API.</summary>
    public Uri Control(int index) => new($"http://127.0.0.1:{_nodes[index].Control}");

    /// <summary>SIGKILL: the node vanishes without leaving; the others find out from their failure detectors.</summary>
    public void Kill(int index) => _nodes[index].Process.Kill();

    private static async Task WaitUpAsync((Process Process, int Port, int Control, StringWriter Log) node, TimeSpan timeout)
    {
        var (process, _, control, log) = node;
        using var cts = new CancellationTokenSource(timeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"a node exited with {process.ExitCode}:\n{log}");
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{control}/health"), cts.Token)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cts.IsCancellationRequested)
            {
                // one slow answer
            }
            if (cts.IsCancellationRequested) throw new TimeoutException($"node on control port {control} not up in {timeout}:\n{log}");
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private void Start(string journal)
    {
        var (port, control) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meshsec.dll"));
        string[] args = ["node", "--port", $"{port}", "--control-port", $"{control}", "--journal", journal, "--log-level", "warning"];
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--seeds");
        start.ArgumentList.Add(_nodes.Count == 0 ? $"akka.tcp://{NodeSettings.SystemName}@127.0.0.1:{port}" : Seed);
        var process = Process.Start(start)!;
        var log = new StringWriter();
        process.OutputDataReceived += (_, e) => { lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes.Add((process, port, control, log));
    }

    /// <summary>What the nodes wrote, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", _nodes.Select((n, i) => $"--- node {i}\n{n.Log}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _, _, _) in _nodes)
        {
            if (process.HasExited) continue;
            // SIGTERM: the node leaves the cluster and exits 0
            Process.Start("kill", ["-TERM", $"{process.Id}"])!.WaitForExit();
        }
        foreach (var (process, _, _, _) in _nodes)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
