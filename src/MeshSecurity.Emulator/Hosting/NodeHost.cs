using System.Reflection;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Starts the embedded single node: an actor system configured from hocon/node.conf and the chosen journal
/// (hocon/persistence.*.conf), with Akka's logs routed to the caller's <see cref="ILoggerFactory"/> (Serilog in the CLI).
/// </summary>
public static class NodeHost
{
    public static Config Config(JournalSettings journal, string logLevel = "INFO")
    {
        var node = Resource("node.conf");
        string persistence;
        if (journal.InMemory)
        {
            persistence = Resource("persistence.memory.conf");
        }
        else
        {
            var path = Path.GetFullPath(journal.SqlitePath!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            EnableWal(path);
            persistence = Resource("persistence.sqlite.conf").Replace("${connection-string}", $"Data Source={path}", StringComparison.Ordinal);
        }
        return ConfigurationFactory.ParseString($"akka.loglevel = {logLevel}\n{node}\n{persistence}");
    }

    public static ActorSystem Start(string name, JournalSettings journal, ILoggerFactory loggerFactory, string logLevel = "INFO")
    {
        var setup = BootstrapSetup.Create().WithConfig(Config(journal, logLevel)).And(new LoggerFactorySetup(loggerFactory));
        return ActorSystem.Create(name, setup);
    }

    /// <summary>WAL lets the journal's readers and its single writer work at once (shared/STACK.md measured it fastest).</summary>
    private static void EnableWal(string path)
    {
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
    }

    private static string Resource(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                      ?? throw new InvalidOperationException($"missing embedded {name}");
        return new StreamReader(s).ReadToEnd();
    }
}
