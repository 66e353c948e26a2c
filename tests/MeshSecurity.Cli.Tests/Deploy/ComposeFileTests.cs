using Akka.Configuration;
using MeshSecurity.Emulator.Hosting;
using Npgsql;
using Env = MeshSecurity.Emulator.Hosting.NodeSettings.Environment;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// docker-compose.yml against the node it starts (NodeSettings), the image it builds (deploy/Dockerfile) and the
/// shutdown it waits for (hocon/): no Docker engine runs here, so this is what keeps the file from rotting.
/// </summary>
public class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(RepoFiles.Root, "docker-compose.yml"));
    private static readonly NodeSettings Defaults = new();

    private static IEnumerable<KeyValuePair<string, ComposeFile.Service>> Members => Compose.Members;

    private static int Port(ComposeFile.Service s) => int.Parse(s.Env(Env.Port) ?? Defaults.Port.ToString());

    private static int ControlPort(ComposeFile.Service s) => int.Parse(s.Env(Env.ControlPort) ?? $"{Defaults.ControlPort}");

    [Fact]
    public void The_file_runs_postgres_a_seed_and_scalable_workers_built_by_deploy_Dockerfile()
    {
        Assert.Equal(["driver", "node", "postgres", "seed"], Compose.Services.Keys.Order());
        Assert.Equal(["node", "seed"], Members.Select(m => m.Key).Order());
        foreach (var (name, member) in Compose.Services.Where(s => s.Key != "postgres"))
        {
            Assert.True(member.Build is not null, $"{name} is not built by deploy/Dockerfile");
            Assert.True(Path.GetFullPath(Path.Combine(RepoFiles.Root, member.Build!.Context)) == Path.GetFullPath(RepoFiles.Root),
                $"{name}: the build context must be the repository's root (deploy/Dockerfile copies src/ and hocon/)");
            Assert.Equal("deploy/Dockerfile", member.Build.Dockerfile);
            Assert.True(File.Exists(Path.Combine(RepoFiles.Root, member.Build.Dockerfile)), $"{name}: no {member.Build.Dockerfile}");
            Assert.Equal("meshsec:local", member.Image);
        }
        // meshsec node exits 1 once the cluster has removed it (downed): Compose starts it again, as a new member
        foreach (var (_, member) in Members) Assert.Contains(member.Restart, new[] { "on-failure", "unless-stopped", "always" });
        // a scaled service cannot have a fixed container name or publish a fixed host port
        var workers = Compose.Services["node"];
        Assert.Null(workers.ContainerName);
        Assert.Empty(workers.Ports);
        Assert.Equal("auto", workers.Env(Env.Hostname));
    }

    [Fact]
    public void The_driver_runs_only_when_asked_and_works_in_the_mounted_repository()
    {
        var driver = Compose.Services["driver"];
        Assert.NotEmpty(driver.Profiles); // so `docker compose up` leaves it out
        Assert.NotEqual("node", driver.Command.FirstOrDefault());
        Assert.DoesNotContain(driver.Environment.Keys, k => k.StartsWith("MESHSEC_", StringComparison.Ordinal));
        Assert.NotNull(driver.WorkingDir);
        Assert.Contains($".:{driver.WorkingDir}", driver.Volumes);
        Assert.Equal("service_healthy", driver.DependsOn["seed"].Condition);
        Assert.Null(driver.Restart);
        Assert.Empty(driver.Ports);
    }

    [Fact]
    public void Every_MESHSEC_variable_set_is_one_a_node_reads()
    {
        var used = Members.SelectMany(m => m.Value.Environment.Keys.Select(k => (Service: m.Key, Key: k))).ToList();
        Assert.NotEmpty(used);
        foreach (var (service, key) in used)
            Assert.True(Env.All.Contains(key), $"{service}: a node does not read {key} (it reads {string.Join(", ", Env.All)})");
    }

    [Fact]
    public void Every_member_parses_as_the_node_will_parse_it()
    {
        foreach (var (name, member) in Members)
        {
            Assert.InRange(Port(member), 1, 65535);
            Assert.InRange(ControlPort(member), 1, 65535);
            Assert.NotEqual(Port(member), ControlPort(member));
            var hostname = member.Env(Env.Hostname);
            Assert.True(hostname == "auto" || hostname == name,
                $"{name}: {Env.Hostname} is '{hostname}': a member is reached by its service name, or by its own address ('auto')");
            var roles = (member.Env(Env.Roles) ?? NodeSettings.MeshRole).Split(',', StringSplitOptions.TrimEntries);
            Assert.Contains(NodeSettings.MeshRole, roles);
            JournalSettings.Parse(member.Env(Env.Journal) ?? "memory");
        }
    }

    [Fact]
    public void Every_member_joins_through_the_seed_service_at_its_port()
    {
        var seeds = Members.Select(m => (Service: m.Key, Seeds: m.Value.Env(Env.Seeds))).ToList();
        foreach (var (service, list) in seeds)
        {
            Assert.False(string.IsNullOrWhiteSpace(list), $"{service}: {Env.Seeds} is not set (it would form a cluster of its own)");
            foreach (var seed in list!.Split(',', StringSplitOptions.TrimEntries))
            {
                var uri = new Uri(seed);
                Assert.Equal("akka.tcp", uri.Scheme);
                Assert.Equal(NodeSettings.SystemName, uri.UserInfo);
                Assert.True(Compose.Services.TryGetValue(uri.Host, out var target), $"{service}: seed {seed} names no service of the file");
                Assert.Equal(uri.Host, target!.Env(Env.Hostname));
                Assert.True(uri.Port == Port(target), $"{service}: seed {seed} is not at {uri.Host}'s {Env.Port} ({Port(target)})");
            }
        }
        // the seed is its own first seed: it forms the cluster the others join
        var seedService = Compose.Services["seed"];
        Assert.Equal($"akka.tcp://{NodeSettings.SystemName}@seed:{Port(seedService)}", seedService.Env(Env.Seeds)!.Split(',')[0]);
    }

    [Fact]
    public void The_journal_is_the_postgres_service_with_its_user_password_and_database()
    {
        foreach (var (name, member) in Members)
        {
            var journal = JournalSettings.Parse(member.Env(Env.Journal) ?? "memory");
            Assert.True(journal.Kind == JournalKind.Postgres, $"{name}: a cluster's journal must be shared: {Env.Journal} is {journal}");
            var connection = new NpgsqlConnectionStringBuilder(journal.PostgresConnectionString);
            Assert.True(Compose.Services.TryGetValue(connection.Host!, out var postgres), $"{name}: the journal's Host names no service");
            Assert.StartsWith("postgres:", postgres!.Image);
            Assert.True(int.Parse(postgres.Image![9..].Split('.')[0]) >= 15, "the journal needs PostgreSQL 15 or newer");
            Assert.Equal(5432, connection.Port);
            Assert.Equal(postgres.Env("POSTGRES_USER"), connection.Username);
            Assert.Equal(postgres.Env("POSTGRES_PASSWORD"), connection.Password);
            Assert.Equal(postgres.Env("POSTGRES_DB"), connection.Database);
            Assert.Equal("service_healthy", member.DependsOn.GetValueOrDefault(connection.Host!)?.Condition);
        }
        Assert.Equal(["CMD", "pg_isready"], Compose.Services["postgres"].Healthcheck!.Test.Take(2));
    }

    [Fact]
    public void Healthchecks_run_meshsec_status_against_each_members_control_port()
    {
        var entrypoint = Dockerfile.Load(Path.Combine(RepoFiles.Root, "deploy", "Dockerfile")).Final.Last("ENTRYPOINT")!.ExecForm;
        foreach (var (name, member) in Members)
        {
            var test = member.Healthcheck?.Test ?? [];
            Assert.True(test.Count > 0 && test[0] == "CMD", $"{name}: the healthcheck must be a CMD (exec form)");
            // the image's entrypoint, then `status`: the same meshsec the container runs
            Assert.Equal(entrypoint, test.Skip(1).Take(entrypoint.Count));
            var args = test.Skip(1 + entrypoint.Count).ToList();
            Assert.Equal("status", args.FirstOrDefault());
            var control = args.SkipWhile(a => a != "--control").Skip(1).FirstOrDefault() ?? $"http://127.0.0.1:{Defaults.ControlPort}";
            Assert.True(new Uri(control).Port == ControlPort(member), $"{name}: the healthcheck asks {control}, not the control port");
            // the control API listens on the bind address: 0.0.0.0 answers on the container's loopback too
            Assert.Equal("0.0.0.0", member.Env(Env.BindHostname));
        }
    }

    [Fact]
    public void Workers_start_after_the_seed_is_healthy_and_the_seed_after_postgres()
    {
        Assert.Equal("service_healthy", Compose.Services["seed"].DependsOn["postgres"].Condition);
        Assert.Equal("service_healthy", Compose.Services["node"].DependsOn["seed"].Condition);
        foreach (var (name, member) in Members)
        foreach (var (dependency, condition) in member.DependsOn)
            Assert.True(Compose.Services[dependency].Healthcheck is not null,
                $"{name} waits for {dependency} to be {condition.Condition}, but {dependency} has no healthcheck");
    }

    [Fact]
    public void Docker_waits_longer_than_the_coordinated_shutdown_before_it_kills_a_member()
    {
        var (shutdown, source) = ShutdownBudget.Current();
        foreach (var (name, member) in Members)
        {
            Assert.Equal("SIGTERM", member.StopSignal ?? "SIGTERM");
            Assert.True(member.StopGracePeriod is not null, $"{name}: no stop_grace_period (Docker's default is 10 s)");
            var grace = ComposeFile.Duration(member.StopGracePeriod!);
            Assert.True(grace > shutdown,
                $"{name}: stop_grace_period {member.StopGracePeriod} is not above the shutdown ({shutdown.TotalSeconds} s, {source})");
        }
    }

    [Fact]
    public void Every_port_a_member_uses_is_exposed_and_published_ports_stay_on_loopback()
    {
        var exposed = Dockerfile.Load(Path.Combine(RepoFiles.Root, "deploy", "Dockerfile")).Final.ExposedPorts.ToHashSet();
        foreach (var (name, member) in Members)
        {
            Assert.True(exposed.Contains(Port(member)), $"{name}: remoting port {Port(member)} is not EXPOSEd by deploy/Dockerfile");
            Assert.True(exposed.Contains(ControlPort(member)), $"{name}: control port {ControlPort(member)} is not EXPOSEd");
            foreach (var published in member.Ports)
            {
                var parts = published.Split(':');
                Assert.True(parts is ["127.0.0.1", _, _], $"{name}: {published} publishes beyond the host's loopback");
                Assert.Equal(ControlPort(member), int.Parse(parts[2]));
            }
        }
    }

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("1m30s", 90)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    public void Compose_durations_read_as_Docker_reads_them(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ComposeFile.Duration(text));

    [Theory]
    [InlineData("", 75)] // Akka's own: 9 phases at the default 5 s, 3 (sharding, exiting, terminate) at 10 s
    [InlineData("akka.coordinated-shutdown.default-phase-timeout = 2s", 9 * 2 + 3 * 10)]
    [InlineData("akka.coordinated-shutdown { default-phase-timeout = 1s, phases.cluster-exiting.timeout = 4s }", 9 + 4 + 2 * 10)]
    public void The_shutdown_budget_is_every_phase_running_to_its_timeout(string hocon, int seconds)
    {
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.Default());
        Assert.Equal(TimeSpan.FromSeconds(seconds), ShutdownBudget.Total(config));
    }
}
