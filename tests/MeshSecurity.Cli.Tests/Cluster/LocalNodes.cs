using System.Diagnostics;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// `meshsec node` processes on loopback, as deploy/local-cluster.sh starts them: the first is the seed; each answers
/// its control port's /health before the cluster counts as started. Every node takes any free ports (0) and says which in
/// the line it prints once listening, so parallel tests never race for a port. Killed when disposed; none outlives the test.
/// </summary>
public sealed class LocalNodes : IAsyncDisposable
{
    private const string Listening = "meshsec node: listening on ";

    private readonly List<(Process Process, string Address, int Control, StringWriter Log)> _nodes = [];

    public string Seed => _nodes[0].Address;

    /// <summary>Nodes started, the killed ones included (indexes stay stable).</summary>
    public int Count => _nodes.Count;

    /// <summary>Nodes whose process still runs: what a run's --min-nodes can count on after earlier tests killed some.</summary>
    public int Running => _nodes.Count(n => !n.Process.HasExited);

    public static async Task<LocalNodes> StartAsync(int count, string journal, TimeSpan timeout)
    {
        var nodes = new LocalNodes();
        try
        {
            // the seed first (the others need its address), then the others side by side: each process's start-up (the
            // runtime's, the JIT's) was waited for one after another
            await nodes.StartAsync(journal, timeout);
            await Task.WhenAll(Enumerable.Range(1, count - 1).Select(_ => nodes.StartAsync(journal, timeout)));
            await Task.WhenAll(nodes._nodes.Select(node => WaitUpAsync(node, timeout)));
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
        await StartAsync(journal, timeout);
        await WaitUpAsync(_nodes[^1], timeout);
        return _nodes.Count - 1;
    }

    /// <summary>The node's process id.</summary>
    public int Pid(int index) => _nodes[index].Process.Id;

    /// <summary>The node's control API.</summary>
    public Uri Control(int index) => new($"http://127.0.0.1:{_nodes[index].Control}");

    /// <summary>SIGKILL: the node vanishes without leaving; the others find out from their failure detectors.</summary>
    public void Kill(int index) => _nodes[index].Process.Kill();

    private static async Task WaitUpAsync((Process Process, string Address, int Control, StringWriter Log) node, TimeSpan timeout)
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

    /// <summary>Starts a node on ports 0 and waits for the line naming its address and control port.</summary>
    private async Task StartAsync(string journal, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meshsec.dll"));
        string[] args = ["node", "--port", "0", "--control-port", "0", "--journal", journal, "--log-level", "warning"];
        foreach (var a in args) start.ArgumentList.Add(a);
        // the first node, with no seeds, is the seed: it joins itself once bound
        if (_nodes.Count > 0) start.ArgumentList.Add("--seeds");
        if (_nodes.Count > 0) start.ArgumentList.Add(Seed);
        var process = Process.Start(start)!;
        var log = new StringWriter();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (log) log.WriteLine(e.Data);
            if (e.Data?.StartsWith(Listening, StringComparison.Ordinal) == true) listening.TrySetResult(e.Data[Listening.Length..]);
        };
        process.ErrorDataReceived += (_, e) => { lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string line;
        try
        {
            line = await listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"a node did not say where it listens within {timeout}:\n{log}");
        }
        // "akka.tcp://meshsec@127.0.0.1:41234, control API http://127.0.0.1:41235"
        var parts = line.Split(", control API ");
        lock (_nodes) _nodes.Add((process, parts[0], new Uri(parts[1]).Port, log));
    }

    /// <summary>What the nodes wrote, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", _nodes.Select((n, i) => $"--- node {i}\n{n.Log}"));

    /// <summary>
    /// SIGKILL: what the tests assert has happened by then, and a graceful leave (SIGTERM) made each disposal wait for the
    /// members' coordinated shutdown, 6-9 s a cluster on a loaded machine, for nothing a test checks. The leave itself is
    /// tested where it is the subject (ClusterRunTests.Leave, LocalClusterScriptTests' down).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _, _, _) in _nodes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(bound.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // it exited between the check and the kill, or is stuck in the kernel: nothing more a test can do
            }
            process.Dispose();
        }
    }
}
