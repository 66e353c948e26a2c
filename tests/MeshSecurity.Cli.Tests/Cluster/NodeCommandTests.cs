using System.Diagnostics;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// meshsec node's ports as a script uses them: port 0 takes any free one and the node prints one line saying which (the
/// way to start many nodes on one machine without racing for ports); `none` turns the control API off; a bad value is
/// refused with exit code 2 before anything starts.
/// </summary>
[Collection("console")]
public sealed class NodeCommandTests
{
    private const string Listening = "meshsec node: listening on ";

    [Theory]
    [InlineData("--control-port", "x", "--control-port (or MESHSEC_CONTROL_PORT) must be a port number 0-65535 or none, got 'x'")]
    [InlineData("--control-port", "65536", "must be a port number 0-65535 or none, got '65536'")]
    [InlineData("--port", "none", "--port (or MESHSEC_PORT) must be a port number 0-65535, got 'none'")]
    public async Task A_bad_port_is_refused_with_exit_code_2(string flag, string value, string said)
    {
        var (code, _, err) = await MeshsecCli.Run("node", flag, value);

        Assert.Equal(2, code);
        Assert.Contains(said, err, StringComparison.Ordinal);
    }

    /// <summary>
    /// A node started twice on one port (or on a control port another process holds) says which port and which flag, and
    /// exits 2 before anything starts, instead of an internal error with a trace.
    /// </summary>
    [Theory]
    [InlineData("--port", "--control-port", "none", "--port (or MESHSEC_PORT): port {0} on 127.0.0.1 is in use")]
    [InlineData("--control-port", "--port", "0", "--control-port (or MESHSEC_CONTROL_PORT): port {0} on 127.0.0.1 is in use")]
    public async Task A_port_another_process_holds_is_refused_with_exit_code_2(string taken, string other, string value, string said)
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var (code, _, err) = await MeshsecCli.Process(TimeSpan.FromMinutes(2), RepoFiles.TempDir(), "node", taken, $"{port}",
            other, value, "--log-level", "warning");

        Assert.True(code == 2, err);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, said, port), err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("none", false)]
    public async Task On_port_0_the_node_prints_the_ports_it_took_and_leaves_on_SIGTERM(string control, bool api)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "meshsec.dll"), "node", "--port", "0", "--control-port", control,
                     "--log-level", "warning" })
            start.ArgumentList.Add(a);
        using var node = Process.Start(start)!;
        var err = node.StandardError.ReadToEndAsync();
        try
        {
            var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.NotNull(line);
            Assert.StartsWith(Listening, line, StringComparison.Ordinal);
            var parts = line[Listening.Length..].Split(", control API ");
            var address = new Uri(parts[0]);
            Assert.Equal(("akka.tcp", "127.0.0.1"), (address.Scheme, address.Host));
            Assert.NotEqual(0, address.Port);
            if (api)
            {
                using var http = new HttpClient();
                var health = new Uri(new Uri(parts[1]), "/health");
                Assert.Contains(parts[0], await WhenUpAsync(http, health), StringComparison.Ordinal);
                // meshsec status lays the node's view out for a reader: one key a line, not one long line
                var (code, status, _) = await MeshsecCli.Run("status", "--control", parts[1]);
                Assert.True(code == 0, status);
                Assert.Contains("\n  \"members\": [", status, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("none", parts[1]);
            }
        }
        finally
        {
            Process.Start("kill", ["-TERM", $"{node.Id}"])!.WaitForExit();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        Assert.True(node.ExitCode == 0, await err);
    }

    /// <summary>/health's body once it answers 200 (the node joins itself right after binding).</summary>
    private static async Task<string> WhenUpAsync(HttpClient http, Uri health)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.GetAsync(health);
            if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
            if (DateTime.UtcNow > deadline) Assert.Fail($"{health} did not answer 200 within 60 s");
            await Task.Delay(100);
        }
    }
}
