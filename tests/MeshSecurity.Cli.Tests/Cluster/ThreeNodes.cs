using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// Three `meshsec node` processes shared by a test class, journaling to PostgreSQL (a scratch schema of
/// MESHSEC_TEST_POSTGRES, dropped afterwards) when one is given, to memory otherwise.
/// </summary>
public sealed class ThreeNodes : IAsyncLifetime
{
    private readonly string _schema = $"cluster_{Guid.NewGuid():N}"[..20];
    private JournalSettings? _postgres;

    public LocalNodes Nodes { get; private set; } = null!;

    /// <summary>The nodes' journal as the tests name it in their messages.</summary>
    public string Journal { get; private set; } = "memory";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("MESHSEC_TEST_POSTGRES") is { Length: > 0 } conn)
        {
            _postgres = JournalSettings.Postgres(conn);
            Journal = (await NodeHost.CreateScratchJournalAsync(_postgres, _schema, CancellationToken.None)).ToFullString();
        }
        Nodes = await LocalNodes.StartAsync(3, Journal, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (Nodes is not null) await Nodes.DisposeAsync();
        if (_postgres is not null) await NodeHost.DropScratchJournalAsync(_postgres, _schema, CancellationToken.None);
    }
}
