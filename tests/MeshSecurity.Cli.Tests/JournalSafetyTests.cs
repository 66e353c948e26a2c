using MeshSecurity.Cli.Commands;
using Microsoft.Data.Sqlite;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// A journal path is only emptied when it is a journal meshsec wrote; anything else there is refused with exit 2 and left
/// byte for byte as it was. Output folders and journals are held by one run at a time.
/// </summary>
[Collection("console")]
public class JournalSafetyTests
{
    private static readonly string Claims = RepoFiles.Scenario("claims.conf");

    public static TheoryData<string, string> NotJournals => new()
    {
        { "precious.txt", "not a SQLite database" },          // a typo'd path to a user's file
        { "scenario.conf", "not a SQLite database" },         // --journal sqlite:scenario.conf
        { "empty", "empty file" },
        { "other-app.db", "other tables (accounts)" },        // someone's SQLite database
        { "other-akka.db", "another application's Akka journal" },
    };

    [Theory]
    [MemberData(nameof(NotJournals))]
    public async Task A_journal_path_that_is_not_a_meshsec_journal_is_refused_and_left_untouched(string name, string reason)
    {
        var dir = RepoFiles.TempDir();
        var path = Path.Combine(dir, name);
        switch (name)
        {
            case "precious.txt": File.WriteAllText(path, "precious\n"); break;
            case "scenario.conf": File.Copy(Claims, path); break;
            case "empty": File.WriteAllBytes(path, []); break;
            case "other-app.db":
                Sql(path, "CREATE TABLE accounts (id INTEGER, balance INTEGER); INSERT INTO accounts VALUES (1, 100)"); break;
            default:
                Sql(path, "CREATE TABLE journal (ordering INTEGER, persistence_id TEXT, sequence_number INTEGER, message BLOB);" +
                          "INSERT INTO journal VALUES (1, 'order-42', 1, X'00')");
                break;
        }
        var before = File.ReadAllBytes(path);

        var (code, _, err) = await MeshsecCli.Run("run", Claims, "--out", Path.Combine(dir, "out"), "--journal", "sqlite:" + path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(reason, err);
        Assert.Contains(path, err);
        Assert.Contains("left untouched", err);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(Path.Combine(dir, "out", "run.json")), "nothing of the run may be written");
    }

    [Fact]
    public async Task A_device_given_as_journal_is_refused_and_still_there()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (code, _, err) = await MeshsecCli.Run("run", Claims, "--out", RepoFiles.TempDir(), "--journal", "sqlite:/dev/null");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("/dev/null", err);
        using var devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        devNull.Write("still a device"u8); // a regular file would have been replaced by a database
        Assert.Equal(0, new FileInfo("/dev/null").Length);
    }

    [Fact]
    public async Task A_journal_meshsec_wrote_is_emptied_for_a_new_run_and_stamped_with_its_scenario()
    {
        var dir = RepoFiles.TempDir();
        var journal = Path.Combine(dir, "j.db");
        Assert.Equal(ExitCodes.Ok, (await MeshsecCli.Run("run", RepoFiles.Scenario("quickstart.conf"), "--out", Path.Combine(dir, "a"),
            "--journal", "sqlite:" + journal)).Code);
        Assert.Equal("quickstart", Stamp(journal));

        var (code, _, err) = await MeshsecCli.Run("run", Claims, "--out", Path.Combine(dir, "b"), "--journal", "sqlite:" + journal);
        var fresh = Path.Combine(dir, "fresh.db");
        Assert.Equal(ExitCodes.Ok, (await MeshsecCli.Run("run", Claims, "--out", Path.Combine(dir, "c"),
            "--journal", "sqlite:" + fresh)).Code);

        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal("claims", Stamp(journal));
        // nothing of the quickstart run is left: the reused journal holds exactly what a fresh one does
        const string records = "SELECT persistence_id || ':' || sequence_number || ':' || hex(message) FROM journal ORDER BY 1";
        Assert.Equal(Rows(fresh, records), Rows(journal, records));
    }

    [Fact]
    public async Task A_second_run_into_a_folder_or_onto_a_journal_in_use_is_refused()
    {
        var dir = RepoFiles.TempDir();
        var busy = Path.Combine(dir, "busy");
        using (RunFolder.Open(busy, Path.Combine(busy, "journal.db")))
        {
            var (code, _, err) = await MeshsecCli.Run("run", Claims, "--out", busy);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("in use by another meshsec run", err);

            // the same journal from another output folder
            var (other, _, otherErr) = await MeshsecCli.Run("run", Claims, "--out", Path.Combine(dir, "other"),
                "--journal", "sqlite:" + Path.Combine(busy, "journal.db"));
            Assert.Equal(ExitCodes.BadInput, other);
            Assert.Contains("journal " + Path.Combine(busy, "journal.db") + " is in use", otherErr);
        }
        Assert.Equal(ExitCodes.Ok, (await MeshsecCli.Run("run", Claims, "--out", busy)).Code);
    }

    public static TheoryData<string[], string> Misuses => new()
    {
        { ["run", "{claims}", "--out", "{file}"], "is a file, not a folder" },
        { ["run", "{claims}", "--out", "/proc/meshsec-cannot-exist"], "cannot be created" },
        { ["run", "{claims}", "--speed", "1e-11"], "--speed must be" },
        { ["run", "{claims}", "--journal", "sqlite:{dir}"], "is a folder" },
        { ["validate", "{dir}"], "is a folder, not a scenario file" },
        { ["validate", "/dev/zero"], "larger than 16 MiB" },
        { ["validate", "{binary}"], "not UTF-8 text" },
        { ["gen", "--out", "{dir}"], "is a folder; --out takes a file name" },
        { ["gen", "--out", "/proc/meshsec-cannot-exist/x.conf"], "meshsec gen:" },
        { ["gen", "--out", "{file}"], "exists and was not written by meshsec gen: not overwritten" },
        { ["bench", "--quick", "--out", "{dir}"], "is a folder; give a file name" },
        { ["run", "--resume", "{dir}"], "run.json not found" },
        { ["run", "--resume", "{damaged-run}"], "run.json is damaged" },
        { ["run", "--resume", "{dir}", "--seed", "7"], "drop --seed, --out and --journal" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public async Task Misuse_of_files_and_flags_is_one_line_with_exit_2(string[] template, string message)
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "x");
        var binary = Path.Combine(dir, "binary.conf");
        File.WriteAllBytes(binary, [0x73, 0x63, 0xff, 0xfe, 0x00]);
        var damaged = Directory.CreateDirectory(Path.Combine(dir, "damaged-run")).FullName;
        File.WriteAllText(Path.Combine(damaged, "run.json"), "{\"Scenario\": ");
        var args = template.Select(a => a.Replace("{claims}", Claims).Replace("{file}", file).Replace("{dir}", dir)
            .Replace("{binary}", binary).Replace("{damaged-run}", damaged)).ToArray();

        var (code, _, err) = await MeshsecCli.Run(args);

        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {err}");
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    internal static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static List<string> Rows(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }

    private static string Stamp(string journal) => Rows(journal, "SELECT value FROM meshsec_journal WHERE key = 'scenario'").Single();
}
