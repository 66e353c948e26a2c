using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Tests;

public class JournalSettingsTests
{
    private const string Pg = "Host=127.0.0.1;Port=5433;Username=akka;Password=s3cret-pw;Database=akka";

    [Fact]
    public void Sqlite_and_memory_parse_as_before()
    {
        var sqlite = JournalSettings.Parse("sqlite:out/x/journal.db");
        Assert.Equal(JournalKind.Sqlite, sqlite.Kind);
        Assert.Equal("out/x/journal.db", sqlite.SqlitePath);
        Assert.Equal(new JournalSettings("out/x/journal.db"), sqlite);
        Assert.Equal("sqlite:out/x/journal.db", sqlite.ToString());
        Assert.Same(JournalSettings.Memory, JournalSettings.Parse("memory"));
        Assert.True(JournalSettings.Memory.InMemory);
        Assert.Equal(JournalKind.Memory, JournalSettings.Memory.Kind);
        Assert.Equal("memory", JournalSettings.Memory.ToString());
    }

    [Fact]
    public void Postgres_parses_and_round_trips_through_its_full_string()
    {
        var j = JournalSettings.Parse("postgres:" + Pg);
        Assert.Equal(JournalKind.Postgres, j.Kind);
        Assert.Equal(Pg, j.PostgresConnectionString);
        Assert.False(j.InMemory);
        Assert.Null(j.SqlitePath);
        Assert.Equal(JournalSettings.Postgres(Pg), j);
        Assert.Equal("postgres:" + Pg, j.ToFullString());
        Assert.Equal(j, JournalSettings.Parse(j.ToFullString()));
    }

    [Fact]
    public void ToString_masks_the_password()
    {
        var text = JournalSettings.Postgres(Pg).ToString();
        Assert.DoesNotContain("s3cret-pw", text);
        Assert.Contains("Password=***", text);
        Assert.StartsWith("postgres:", text);
        Assert.Contains("Host=127.0.0.1", text);
        Assert.Contains("Username=akka", text);
        Assert.DoesNotContain("s3cret-pw", $"{JournalSettings.Postgres(Pg.Replace("Password", "PWD", StringComparison.Ordinal))}");
    }

    [Theory]
    [InlineData("postgres:", "needs a connection string")]
    [InlineData("postgres:   ", "needs a connection string")]
    [InlineData("postgres:Port=5433;Username=akka", "needs a Host")]
    [InlineData("postgres:Host=h;NoSuchKeyword=1", "bad connection string")]
    [InlineData("postgres:Host=h;Port=not-a-port", "bad connection string")]
    [InlineData("sqlite:", "'sqlite:PATH', 'postgres:CONNECTION-STRING' or 'memory'")]
    [InlineData("mem", "got 'mem'")]
    public void Bad_forms_give_a_clear_format_error(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => JournalSettings.Parse(text));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_connection_string_without_the_prefix_is_refused_without_echoing_it()
    {
        var ex = Assert.Throws<FormatException>(() => JournalSettings.Parse(Pg));
        Assert.DoesNotContain("s3cret-pw", ex.Message);
        Assert.Contains("postgres:", ex.Message);
    }

    [Fact]
    public async Task The_probe_gives_a_one_line_reason_when_no_server_answers()
    {
        // port 1 on loopback: refused at once, no server needed
        var reason = await NodeHost.ProbeJournalAsync(JournalSettings.Postgres("Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d"), CancellationToken.None);
        Assert.NotNull(reason);
        Assert.Contains("127.0.0.1:1", reason);
        Assert.DoesNotContain('\n', reason);
        Assert.Null(await NodeHost.ProbeJournalAsync(JournalSettings.Memory, CancellationToken.None));
    }
}
